import type { FigurePresentation } from '@/lib/figures/presentTradeFact'

type Revised = Extract<FigurePresentation, { resolved: true }> & {
  revision: NonNullable<Extract<FigurePresentation, { resolved: true }>['revision']>
}

/** The note that ends an article whose figures' data were revised after it was published. */
export function DataRevisions({ figures }: { figures: FigurePresentation[] }) {
  const revised = figures.filter((f): f is Revised => f.resolved && f.revision !== undefined)
  if (revised.length === 0) return null
  return (
    <aside className="data-revisions" aria-labelledby="data-revisions-heading">
      <h2 id="data-revisions-heading">Data revisions</h2>
      <p>The data behind these figures was revised after this article was published. The article shows the current values.</p>
      <ul>
        {revised.map((f) => (
          <li key={f.key}>
            <a href={f.href}>
              {f.seriesTitle}, {f.periodLabel}
            </a>
            : {f.revision.publishedText} when published on {f.revision.publishedOn}; {f.text} since the release of {f.revision.revisedOn} (
            {f.status}).
          </li>
        ))}
      </ul>
    </aside>
  )
}
