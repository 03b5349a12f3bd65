import type { TradeObservation } from '@/lib/content/sanity.types'
import { OBSERVATION_COLUMNS, observationCells, observationValue, releaseDate } from '@/lib/figures/observationCells'
import { safeHref } from '@/lib/site/safeHref'

type Citation = NonNullable<TradeObservation['citation']>

/**
 * A series' observations as a table: the text equivalent of every chart, and the data page's
 * body, where each value also names the report it was taken from. The table scrolls inside its
 * own box, a labelled region a keyboard can reach, so a narrow screen never scrolls sideways.
 */
export function ObservationTable({
  id,
  observations,
  caption,
  withHistory = false,
}: {
  id: string
  observations: TradeObservation[]
  caption: string
  withHistory?: boolean
}) {
  const cited = withHistory && observations.some((o) => o.citation)
  return (
    // A named section is a region landmark; it takes focus so a keyboard can scroll it (WCAG 2.1.1).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard.
    <section className="table-scroll" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table className={withHistory ? 'observations observations--full' : 'observations'}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            {OBSERVATION_COLUMNS.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            {cited && <th scope="col">Reported by</th>}
            {withHistory && <th scope="col">Earlier values</th>}
          </tr>
        </thead>
        <tbody>
          {observations.map((o) => {
            const [period, value, status, released] = observationCells(o)
            return (
              <tr key={o.period} id={withHistory ? `period-${o.period}` : undefined}>
                <th scope="row">{period}</th>
                <td>{value}</td>
                <td>{status}</td>
                <td>{released}</td>
                {cited && <td>{o.citation ? <CitationCell citation={o.citation} /> : 'not cited'}</td>}
                {withHistory && (
                  <td>
                    {o.history?.length
                      ? o.history
                          .map(
                            (h) =>
                              `${observationValue(h)} (${h.status ?? 'unknown'}, released ${releaseDate(h)}${h.citation?.reportedBy ? `, reported by ${h.citation.reportedBy}` : ''})`,
                          )
                          .join('; ')
                      : 'none'}
                  </td>
                )}
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}

/** The outlet, linked to its report where the address is safe to link, and the note on the value. */
function CitationCell({ citation }: { citation: Citation }) {
  const href = safeHref(citation.url)
  return (
    <>
      {href ? <a href={href}>{citation.reportedBy}</a> : citation.reportedBy}
      {citation.note && <span className="citation-note">{citation.note}</span>}
    </>
  )
}
