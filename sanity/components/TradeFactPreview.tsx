import { useEffect, useState } from 'react'
import { type PreviewProps, useClient } from 'sanity'
import { API_VERSION } from '../../lib/content/config'
import { SERIES_FOR_FACTS_QUERY } from '../../lib/content/queries'
import { claimNote } from '../../lib/figures/presentTradeFact'
import { resolveTradeFact, type SeriesForFacts, type TradeFactInput } from '../../lib/figures/resolveTradeFact'

/** The selected fields the trade fact's preview passes through (see tradeFactType's preview). */
export type TradeFactPreviewValues = { seriesId?: string; fallbackText?: string } & Pick<
  TradeFactInput,
  'period' | 'show' | 'comparePeriod' | 'precision'
>

/**
 * A trade fact as it sits in the editor's prose: the value readers will see in house style, its
 * period and source, read from the published series; an unresolved figure shows the typed text,
 * marked unverified, with the reason.
 */
export function TradeFactPreview(props: PreviewProps & TradeFactPreviewValues) {
  const { seriesId, period, show, comparePeriod, precision, fallbackText } = props
  const client = useClient({ apiVersion: API_VERSION })
  const [series, setSeries] = useState<SeriesForFacts | undefined>()
  useEffect(() => {
    if (!seriesId) return
    const subscription = client.observable
      .fetch(SERIES_FOR_FACTS_QUERY, { ids: [seriesId] }, { perspective: 'published' })
      .subscribe({ next: ([found]) => setSeries(found), error: () => setSeries(undefined) })
    return () => subscription.unsubscribe()
  }, [client, seriesId])
  const figure = resolveTradeFact({ series, period, show, comparePeriod, precision, fallbackText }, undefined)
  const title = figure.ok ? figure.text : `${figure.text} (unverified)`
  // A claim shows the editor whether the data supports it before readers see it.
  const detail = figure.ok
    ? [figure.periodLabel, figure.claim && claimNote(figure.claim), figure.sourceName].filter(Boolean).join(' · ')
    : figure.problem
  // Inline, only the title is shown, so it carries the period and source too.
  if (props.layout === 'inline') return props.renderDefault({ ...props, title: `${title} · ${detail}` })
  return props.renderDefault({ ...props, title, subtitle: detail })
}
