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

type ReadValue = (observation: TradeObservation) => number | undefined
const currentValue: ReadValue = (o) => o.primaryValue

const valueAt = (observations: TradeObservation[], period: string, readValue: ReadValue) => {
  const found = observations.find((o) => o.period === period)
  return found ? readValue(found) : undefined
}

/**
 * The change of a series from one period to another, computed from its data: from the current
 * values, or from the values of another moment (`readValue`, e.g. as they stood at publication).
 */
export function compare(observations: TradeObservation[], to: string, from: string | undefined, readValue = currentValue): Comparison {
  if (!from || !parsePeriod(from)) return { ok: false, problem: `no period to compare ${to} with` }
  const toValue = valueAt(observations, to, readValue)
  const fromValue = valueAt(observations, from, readValue)
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

/** What the data says of a claim that a period's value is "the highest since" an earlier period. */
export type HighestSinceCheck =
  | { verdict: 'supported'; since: string; sinceValue: number }
  /** `higherSince`: the latest period in between that was at least as high; none when the named period itself was lower. */
  | { verdict: 'not supported'; since: string; higherSince?: string }
  | { verdict: 'cannot be checked'; since: string; missing: string[] }
  | { verdict: 'unresolved'; problem: string }

/**
 * Checks "the highest level since September 2020": the named period's value was at least this
 * one's, and every period in between was lower. A period in between that was as high refutes
 * it whatever else is missing; otherwise a missing period (or a missing value for the named one)
 * means the data cannot tell, since the missing value might have been higher. Only the periods
 * from `since` to `period` are read.
 */
export function checkHighestSince(observations: TradeObservation[], period: string, since: string | null | undefined): HighestSinceCheck {
  // One pass over the observations; the first of a period given twice counts, as everywhere else.
  const values = new Map<string, number | undefined>()
  for (const o of observations) if (o.period && !values.has(o.period)) values.set(o.period, o.primaryValue)
  const value = values.get(period)
  if (typeof value !== 'number') return { verdict: 'unresolved', problem: `no value for ${period}` }
  if (!since || !parsePeriod(since))
    return { verdict: 'unresolved', problem: 'a "highest since" claim needs the period it is the highest since' }
  if ((since.length === 4) !== (period.length === 4) || since >= period)
    return { verdict: 'unresolved', problem: `${since} is not an earlier period of the same frequency as ${period}` }
  const between = periodsBetween(since, period)
  const higher = between.findLast((p) => (values.get(p) ?? Number.NEGATIVE_INFINITY) >= value)
  if (higher) return { verdict: 'not supported', since, higherSince: higher }
  const sinceValue = values.get(since)
  const missing = [since, ...between].filter((p) => typeof values.get(p) !== 'number')
  if (missing.length > 0 || typeof sinceValue !== 'number') return { verdict: 'cannot be checked', since, missing }
  if (sinceValue < value) return { verdict: 'not supported', since }
  return { verdict: 'supported', since, sinceValue }
}
