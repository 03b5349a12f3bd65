import { reportContentProblem } from '@/lib/content/problems'
import { claimNoteShown, figureClass, presentTradeFact, revisionNoteText } from '@/lib/figures/presentTradeFact'
import type { TradeFactInput } from '@/lib/figures/resolveTradeFact'

/**
 * A figure in the prose: the series' current value in house style, linked to the data page at
 * its period, with series, period, source and release as its accessible description, and an
 * inline note when the data was revised after publication. A claim ("the highest level since
 * September 2020") carries its check: marked when the data supports it, a note when not. A figure
 * that cannot be resolved shows what the article recorded at publication, marked as no longer
 * linked to live data, or without a record the editor's text, marked unverified; either is logged.
 * In a draft preview `editTarget` (a `data-sanity` value) lets a click open the trade fact in the Studio.
 */
export function TradeFact({
  fact,
  articleId,
  publishedAt,
  editTarget,
}: {
  fact: TradeFactInput & { _key?: string }
  articleId: string
  publishedAt?: string | null
  editTarget?: string
}) {
  const figure = presentTradeFact(fact, publishedAt)
  const descriptionId = `fact-${fact._key}`
  const claimNote = claimNoteShown(figure)
  if (!figure.resolved) {
    reportContentProblem({ documentId: articleId, blockKey: fact._key, message: `trade fact unresolved: ${figure.problem}` })
    return (
      <span className={figureClass(figure)} aria-describedby={descriptionId} data-sanity={editTarget}>
        {figure.text}
        <span id={descriptionId} className="visually-hidden">
          {' '}
          ({figure.description})
        </span>
      </span>
    )
  }
  return (
    <>
      <a
        className={figure.claim ? `figure figure--claim figure--${figure.claim.verdict.replaceAll(' ', '-')}` : 'figure'}
        href={figure.href}
        aria-describedby={descriptionId}
        data-period={figure.period}
        data-claim={figure.claim?.verdict}
        data-sanity={editTarget}
      >
        {figure.text}
      </a>
      {figure.revision && <span className="figure__revision"> ({revisionNoteText(figure.revision)})</span>}
      {claimNote && <span className="figure__claim-note"> ({claimNote})</span>}
      {/* Hidden on screen (the link's description); printed after the figure with where its data lives. */}
      <span id={descriptionId} className="figure__source" data-href={figure.href} hidden>
        {figure.description}
      </span>
    </>
  )
}
