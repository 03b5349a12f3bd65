import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { EmbedCard, embedStyles } from '@/components/EmbedCard'
import { SeriesChart } from '@/components/SeriesChart'
import { loadSeries } from '@/lib/content/fetch'
import { chartPoints } from '@/lib/figures/chartData'
import { observationCells } from '@/lib/figures/observationCells'
import { siteUrlFromEnv } from '@/lib/site/identity'
import { absoluteUrl, seriesPath } from '@/lib/site/paths'

export { generateStaticParams } from '@/lib/http/onDemandPages'

type Props = { params: Promise<{ series: string }> }

// An embed is a copy of the data page's chart on partners' pages: search engines index the data page.
export const metadata: Metadata = { robots: { index: false } }

/** A series' chart for a partner's iframe: the chart, its latest value and status, source, link back. */
export default async function ChartEmbed({ params }: Props) {
  const series = await loadSeries((await params).series)
  if (!series?.slug) notFound()
  const observations = series.observations ?? []
  const latest = observations.findLast((o) => typeof o.primaryValue === 'number')
  const [period, value, status, released] = latest ? observationCells(latest) : []
  const title = `${series.title}, ${series.currency ?? 'USD'}`
  return (
    <EmbedCard
      kind="chart"
      title={title}
      source={series.source?.agency ?? 'not named'}
      href={absoluteUrl(seriesPath(series.slug), siteUrlFromEnv())}
      linkText="Every value and release"
    >
      <SeriesChart id="embed-chart" title={title} points={chartPoints(observations)} />
      {latest && (
        <p className={embedStyles.latest}>
          Latest: {period}, <strong>{value}</strong> ({status}, released {released}).
        </p>
      )}
    </EmbedCard>
  )
}
