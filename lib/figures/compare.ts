import type { TradeObservation } from '@/lib/content/sanity.types'
import { type Period, parsePeriod } from './period'

const pad = (month: number) => String(month).padStart(2, '0')
const periodString = ({ year, month }: Period) => (month === undefined ? String(year) : `${year}-${pad(month)}`)

/** The period before: "2021-01" → "2020-12", "2021" → "2020". */
export function previousPeriod(period: string): string | undefined {
  const p = parsePeriod(period)
  if (!p) return undefined
  if (p.month === undefined) return String(p.year - 1)
  return p.month === 1 ? `${p.year - 1}-12` : `${p.year}-${pad(p.month - 1)}`
}

/** The period after: "2020-12" → "2021-01", "2020" → "2021". */
export function nextPeriod(period: string): string | undefined {
  const p = parsePeriod(period)
  if (!p) return undefined
  if (p.month === undefined) return String(p.year + 1)
  return p.month === 12 ? `${p.year + 1}-01` : `${p.year}-${pad(p.month + 1)}`
}

/** The same period a year earlier: "2021-03" → "2020-03". */
export function yearEarlier(period: string): string | undefined {
  const p = parsePeriod(period)
  return p ? periodString({ ...p, year: p.year - 1 }) : undefined
}

/** Every period strictly between two periods of the same frequency, oldest first. */
export function periodsBetween(from: string, to: string): string[] {
  const between: string[] = []
  for (let p = previousPeriod(to); p && p > from; p = previousPeriod(p)) between.unshift(p)
  return between
}

export type Comparison =
  | { ok: true; from: string; to: string; fromValue: number; toValue: number; change: number; percentChange?: number }
  | { ok: false; problem: string }

const valueAt = (observations: TradeObservation[], period: string) => observations.find((o) => o.period === period)?.primaryValue

/** The change of a series from one period to another, computed from its data. */
export function compare(observations: TradeObservation[], to: string, from: string | undefined): Comparison {
  if (!from || !parsePeriod(from)) return { ok: false, problem: `no period to compare ${to} with` }
  const toValue = valueAt(observations, to)
  const fromValue = valueAt(observations, from)
  if (typeof toValue !== 'number') return { ok: false, problem: `no value for ${to}` }
  if (typeof fromValue !== 'number') return { ok: false, problem: `no value for ${from}` }
  const change = toValue - fromValue
  return {
    ok: true,
    from,
    to,
    fromValue,
    toValue,
    change,
    percentChange: fromValue === 0 ? undefined : (change / Math.abs(fromValue)) * 100,
  }
}

export type HighestSince =
  | { ok: true; since: string; sinceValue: number }
  | { ok: true; since: undefined; allTimeHigh: true }
  | { ok: false; problem: string; missing?: string[] }

/**
 * "The highest level since September 2020": the latest earlier period whose value was at least
 * this one's, with every period in between lower. Unverifiable when a period in between is
 * missing, since the missing value might have been higher.
 */
export function highestSince(observations: TradeObservation[], period: string): HighestSince {
  const value = valueAt(observations, period)
  if (typeof value !== 'number') return { ok: false, problem: `no value for ${period}` }
  const earlier = observations
    .filter((o): o is TradeObservation & { period: string; primaryValue: number } =>
      Boolean(o.period && o.period < period && typeof o.primaryValue === 'number'),
    )
    .sort((a, b) => b.period.localeCompare(a.period))
  const peak = earlier.find((o) => o.primaryValue >= value)
  const oldest = earlier.at(-1)?.period
  const span = peak ? periodsBetween(peak.period, period) : oldest ? [oldest, ...periodsBetween(oldest, period)] : []
  const known = new Set(earlier.map((o) => o.period))
  const missing = span.filter((p) => !known.has(p))
  if (missing.length > 0) return { ok: false, problem: `periods missing from the series: ${missing.join(', ')}`, missing }
  if (!peak) return { ok: true, since: undefined, allTimeHigh: true }
  return { ok: true, since: peak.period, sinceValue: peak.primaryValue }
}
