import { formatDay } from '@/lib/figures/dateline'
import type { FigurePresentation } from '@/lib/figures/presentTradeFact'

type Resolved = Extract<FigurePresentation, { resolved: true }>
type Revised = Resolved & { revision: NonNullable<Resolved['revision']> }
type Unlinked = Extract<FigurePresentation, { resolved: false }> & {
  asPublished: NonNullable<Extract<FigurePresentation, { resolved: false }>['asPublished']>
}

/**
 * The note that ends an article whose figures' data were revised after it was published, or whose
 * data is gone: then the figure shows what the article recorded when it was published.
 */
export function DataRevisions({ figures, publishedAt }: { figures: FigurePresentation[]; publishedAt?: string | null }) {
  const revised = figures.filter((f): f is Revised => f.resolved && f.revision !== undefined)
  const unlinked = figures.filter((f): f is Unlinked => !f.resolved && f.asPublished !== undefined)
  if (revised.length === 0 && unlinked.length === 0) return null
  const publishedOn = publishedAt ? ` on ${formatDay(publishedAt)}` : ''
  return (
    <aside className="data-revisions" aria-labelledby="data-revisions-heading">
      <h2 id="data-revisions-heading">Data revisions</h2>
      {revised.length > 0 && (
        <>
          <p>The data behind these figures was revised after this article was published. The article shows the current values.</p>
          <ul>
            {revised.map((f) => (
              <li key={f.key}>
                <a href={f.href}>
                  {f.seriesTitle}, {f.periodLabel}
                </a>
                : {f.revision.publishedText} when published on {f.revision.publishedOn}; {f.text} since the release of{' '}
                {f.revision.revisedOn} ({f.status}).
              </li>
            ))}
          </ul>
        </>
      )}
      {unlinked.length > 0 && (
        <>
          <p>The data behind these figures is no longer published. The article shows them as it published them.</p>
          <ul>
            {unlinked.map((f) => (
              <li key={f.key}>
                {f.asPublished.seriesTitle}, {f.asPublished.periodLabel}: {f.text} when published{publishedOn}, from the release of{' '}
                {formatDay(f.asPublished.releasedAt)}; no longer linked to live data.
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  )
}
