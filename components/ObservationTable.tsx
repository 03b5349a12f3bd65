import type { TradeObservation } from '@/lib/content/sanity.types'
import { formatDay } from '@/lib/figures/dateline'
import { formatUsd } from '@/lib/figures/money'
import { formatPeriod } from '@/lib/figures/period'

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
          <th scope="col">Period</th>
          <th scope="col">Value (USD)</th>
          <th scope="col">Status</th>
          <th scope="col">Released</th>
          {withHistory && <th scope="col">Earlier values</th>}
        </tr>
      </thead>
      <tbody>
        {observations.map((o) => (
          <tr key={o.period} id={withHistory ? `period-${o.period}` : undefined}>
            <th scope="row">{formatPeriod(o.period ?? '')}</th>
            <td>{typeof o.primaryValue === 'number' ? formatUsd(o.primaryValue) : 'not available'}</td>
            <td>{o.status ?? 'unknown'}</td>
            <td>{o.releasedAt ? formatDay(o.releasedAt) : 'unknown'}</td>
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
        ))}
      </tbody>
    </table>
  )
}
