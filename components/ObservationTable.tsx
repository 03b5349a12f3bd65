import type { TradeObservation } from '@/lib/content/sanity.types'
import { formatDay } from '@/lib/figures/dateline'
import { formatUsd } from '@/lib/figures/money'
import { OBSERVATION_COLUMNS, observationCells } from '@/lib/figures/observationCells'

/** A series' observations as a table: the text equivalent of every chart, and the data page's body. */
export function ObservationTable({
  observations,
  caption,
  withHistory = false,
}: {
  observations: TradeObservation[]
  caption: string
  withHistory?: boolean
}) {
  return (
    <table className="observations">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {OBSERVATION_COLUMNS.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
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
              {withHistory && (
                <td>
                  {o.history?.length
                    ? o.history
                        .map(
                          (h) =>
                            `${formatUsd(h.primaryValue ?? 0)} (${h.status ?? 'unknown'}, released ${h.releasedAt ? formatDay(h.releasedAt) : 'unknown'})`,
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
  )
}
