import type { TradeObservation } from '@/lib/content/sanity.types'
import { chartEmbedCode } from '@/lib/feeds/embeds'
import { chartPoints, observationsInWindow } from '@/lib/figures/chartData'
import { siteUrlFromEnv } from '@/lib/site/identity'
import { seriesPath } from '@/lib/site/paths'
import { CopyEmbedCodeButton } from './CopyEmbedCodeButton'
import { ObservationTable } from './ObservationTable'
import { SeriesChart } from './SeriesChart'

type Chart = {
  _key: string
  caption?: string | null
  fromPeriod?: string | null
  toPeriod?: string | null
  series?: {
    title?: string | null
    slug?: string | null
    source?: { agency?: string | null } | null
    observations?: TradeObservation[] | null
  } | null
}

/** A window of a series inside an article: the chart, its table, caption, source and a link to all the data. */
export function DataChartBlock({ chart }: { chart: Chart }) {
  const series = chart.series
  if (!series?.slug) return null
  const caption = chart.caption ?? series.title ?? 'Data'
  const observations = series.observations ?? []
  return (
    <figure className="data-chart">
      <SeriesChart id={`chart-${chart._key}`} title={caption} points={chartPoints(observations, chart.fromPeriod, chart.toPeriod)} />
      <figcaption>
        {caption}. Source: {series.source?.agency ?? 'not named'}. <a href={seriesPath(series.slug)}>All data for {series.title}</a>
      </figcaption>
      <details>
        <summary>The figures in this chart</summary>
        <ObservationTable
          id={`table-${chart._key}`}
          observations={observationsInWindow(observations, chart.fromPeriod, chart.toPeriod)}
          caption={caption}
        />
      </details>
      {series.title && (
        <CopyEmbedCodeButton
          code={chartEmbedCode({ slug: series.slug, title: series.title }, siteUrlFromEnv())}
          label="Copy embed code for this series' chart"
        />
      )}
    </figure>
  )
}
