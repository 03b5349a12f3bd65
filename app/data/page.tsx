import type { Metadata } from 'next'
import { SiteLink } from '@/components/SiteLink'
import { Sparkline } from '@/components/Sparkline'
import { loadSeriesIndex } from '@/lib/content/fetch'
import { chartPoints } from '@/lib/figures/chartData'
import { formatUsd } from '@/lib/figures/money'
import { formatPeriod } from '@/lib/figures/period'

export const metadata: Metadata = { title: 'Data', description: 'Every trade data series our stories cite, with its latest value.' }

/** `/data`: every series, its latest value and a small chart of its recent values. */
export default async function DataIndexPage() {
  const series = await loadSeriesIndex()
  return (
    <div className="listing">
      <h1>Data</h1>
      <p className="standfirst">Every trade series our figures link to, with its latest reported value.</p>
      <ul className="index-list series-index">
        {series.map((s) => {
          const observations = s.observations ?? []
          const latest = observations[0]
          return (
            <li key={s._id}>
              <div>
                <h2>
                  <SiteLink href={`/data/${s.slug}`}>{s.title}</SiteLink>
                </h2>
                <p className="index-list__meta">
                  {latest?.period && typeof latest.primaryValue === 'number'
                    ? `Latest: ${formatUsd(latest.primaryValue)} in ${formatPeriod(latest.period)}`
                    : 'No values yet'}
                  {` · ${s.freqCode === 'A' ? 'annual' : 'monthly'}, ${s.currency ?? 'USD'}`}
                </p>
              </div>
              <Sparkline points={chartPoints(observations)} label={s.title ?? ''} />
            </li>
          )
        })}
      </ul>
    </div>
  )
}
