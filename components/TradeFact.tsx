import { reportContentProblem } from '@/lib/content/problems'
import { formatDay } from '@/lib/figures/dateline'
import { resolveTradeFact, type TradeFactInput } from '@/lib/figures/resolveTradeFact'

export function dataPageHref(seriesSlug: string, period?: string) {
  return `/data/${seriesSlug}${period ? `#period-${period}` : ''}`
}

/**
 * A figure in the prose: the series' current value in house style, linked to the data page at
 * its period, with series, period, source and release as its accessible description. A figure
 * that cannot be resolved shows the editor's text, marked unverified, and is logged.
 */
export function TradeFact({ fact, articleId, publishedAt }: { fact: TradeFactInput; articleId: string; publishedAt?: string | null }) {
  const resolved = resolveTradeFact(fact, publishedAt)
  const descriptionId = `fact-${fact._key}`
  if (!resolved.ok) {
    reportContentProblem({ documentId: articleId, blockKey: fact._key, message: `trade fact unresolved: ${resolved.problem}` })
    return (
      <span className="figure figure--unverified" aria-describedby={descriptionId}>
        {resolved.text}
        <span id={descriptionId} className="visually-hidden">
          {' '}
          (unverified: not linked to data)
        </span>
      </span>
    )
  }
  return (
    <>
      <a
        className="figure"
        href={dataPageHref(resolved.seriesSlug, resolved.period)}
        aria-describedby={descriptionId}
        data-period={resolved.period}
      >
        {resolved.text}
      </a>
      <span id={descriptionId} hidden>
        {resolved.seriesTitle}, {resolved.periodLabel}: {resolved.text}, {resolved.current.status ?? 'status unknown'}. Source:{' '}
        {resolved.sourceName}, released {formatDay(resolved.current.releasedAt)}.
      </span>
    </>
  )
}
