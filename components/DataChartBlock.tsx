import type { TradeObservation } from '@/lib/content/sanity.types'
import { ObservationTable } from './ObservationTable'
import { dataPageHref } from './TradeFact'

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

/** Observations of a series within a window of periods, oldest first. */
export function observationsInWindow(observations: TradeObservation[], from?: string | null, to?: string | null) {
  return observations
    .filter((o) => o.period && (!from || o.period >= from) && (!to || o.period <= to))
    .sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''))
}

/** A window of a series inside an article, captioned, with its source and a link to all its data. */
export function DataChartBlock({ chart }: { chart: Chart }) {
  const series = chart.series
  if (!series?.slug) return null
  const rows = observationsInWindow(series.observations ?? [], chart.fromPeriod, chart.toPeriod)
  return (
    <figure className="data-chart">
      <ObservationTable observations={rows} caption={chart.caption ?? series.title ?? 'Data'} />
      <figcaption>
        Source: {series.source?.agency ?? 'not named'}. <a href={dataPageHref(series.slug)}>All data for {series.title}</a>
      </figcaption>
    </figure>
  )
}
