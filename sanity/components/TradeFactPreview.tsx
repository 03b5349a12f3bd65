import { useEffect, useState } from 'react'
import { type PreviewProps, useClient } from 'sanity'
import { API_VERSION } from '../../lib/content/config'
import { SERIES_FOR_FACTS_QUERY } from '../../lib/content/queries'
import { resolveTradeFact, type SeriesForFacts } from '../../lib/figures/resolveTradeFact'

/** The selected fields the trade fact's preview passes through (see tradeFactType's preview). */
export type TradeFactPreviewValues = { seriesId?: string; period?: string; fallbackText?: string }

/**
 * A trade fact as it sits in the editor's prose: the value readers will see in house style, its
 * period and source, read from the published series; an unresolved figure shows the typed text,
 * marked unverified, with the reason.
 */
export function TradeFactPreview(props: PreviewProps & TradeFactPreviewValues) {
  const { seriesId, period, fallbackText } = props
  const client = useClient({ apiVersion: API_VERSION })
  const [series, setSeries] = useState<SeriesForFacts | undefined>()
  useEffect(() => {
    if (!seriesId) return
    const subscription = client.observable
      .fetch(SERIES_FOR_FACTS_QUERY, { ids: [seriesId] }, { perspective: 'published' })
      .subscribe({ next: ([found]) => setSeries(found), error: () => setSeries(undefined) })
    return () => subscription.unsubscribe()
  }, [client, seriesId])
  const figure = resolveTradeFact({ series, period, fallbackText }, undefined)
  const title = figure.ok ? figure.text : `${figure.text} (unverified)`
  const detail = figure.ok ? `${figure.periodLabel} · ${figure.sourceName}` : figure.problem
  // Inline, only the title is shown, so it carries the period and source too.
  if (props.layout === 'inline') return props.renderDefault({ ...props, title: `${title} · ${detail}` })
  return props.renderDefault({ ...props, title, subtitle: detail })
}
