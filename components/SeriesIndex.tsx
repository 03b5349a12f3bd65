import { notFound } from 'next/navigation'
import { loadSeriesIndex } from '@/lib/content/fetch'
import { chartPoints } from '@/lib/figures/chartData'
import { formatUsd } from '@/lib/figures/money'
import { formatPeriod } from '@/lib/figures/period'
import { frequencyWord } from '@/lib/figures/tradeCodes'
import { LISTING_PAGE_SIZE, listingTitle } from '@/lib/site/listingPages'
import { DATA_PATH, seriesPath } from '@/lib/site/paths'
import { ListingPagination } from './ListingPagination'
import { SiteLink } from './SiteLink'
import { Sparkline } from './Sparkline'

/**
 * A page of the data index (`/data`, `/data/page/<n>`): series in order of title, each with its
 * latest value and a small chart of its recent values. Not found past the last page.
 */
export async function SeriesIndex({ page }: { page: number }) {
  const found = await loadSeriesIndex(page)
  if (page > 1 && found.length === 0) notFound()
  const series = found.slice(0, LISTING_PAGE_SIZE)
  return (
    <div className="listing">
      <h1>{listingTitle('Data', page)}</h1>
      <p className="standfirst">Every trade series our figures link to, with its latest reported value.</p>
      <ul className="index-list series-index">
        {series.map((s) => {
          const observations = s.observations ?? []
          const latest = observations[0]
          return (
            <li key={s._id}>
              <div>
                <h2>
                  <SiteLink href={seriesPath(s.slug)}>{s.title}</SiteLink>
                </h2>
                <p className="index-list__meta">
                  {latest?.period && typeof latest.primaryValue === 'number'
                    ? `Latest: ${formatUsd(latest.primaryValue)} in ${formatPeriod(latest.period)}`
                    : 'No values yet'}
                  {` · ${frequencyWord(s.freqCode)}, ${s.currency ?? 'USD'}`}
                </p>
              </div>
              <Sparkline points={chartPoints(observations)} label={s.title ?? ''} />
            </li>
          )
        })}
      </ul>
      <ListingPagination
        base={DATA_PATH}
        page={page}
        hasOlder={found.length > LISTING_PAGE_SIZE}
        names={{ nav: 'More series', previous: 'Previous series', next: 'More series' }}
      />
    </div>
  )
}
