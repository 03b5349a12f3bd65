import { periodsBetween } from './compare'

export type ChartPoint = { period: string; value: number | undefined }
/** What a chart reads of an observation (a stored one, or one a query projected). */
type Observed = { period?: string | null; primaryValue?: number | null }

/** The observations with a value within a window of periods (either end optional), oldest first. */
export function observationsInWindow<T extends Observed>(observations: T[], from?: string | null, to?: string | null) {
  return observations
    .filter((o): o is T & { period: string; primaryValue: number } =>
      Boolean(o.period && typeof o.primaryValue === 'number' && (!from || o.period >= from) && (!to || o.period <= to)),
    )
    .sort((a, b) => a.period.localeCompare(b.period))
}

/**
 * Every period from the first to the last of a window, with undefined where the series has no
 * value, so a chart shows gaps instead of joining across missing months.
 */
export function chartPoints(observations: Observed[], from?: string | null, to?: string | null): ChartPoint[] {
  const known = new Map(observationsInWindow(observations, from, to).map((o) => [o.period, o.primaryValue]))
  const periods = [...known.keys()]
  const first = from || periods[0]
  const last = to || periods.at(-1)
  if (!first || !last) return []
  const all = first === last ? [first] : [first, ...periodsBetween(first, last), last]
  return all.map((period) => ({ period, value: known.get(period) }))
}
