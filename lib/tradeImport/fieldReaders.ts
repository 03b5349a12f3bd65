import { COMTRADE_MONTH_PATTERN, isPeriod, parsePeriod } from '@/lib/figures/period'
import { FLOW_CODES, type FrequencyCode } from '@/lib/figures/tradeCodes'

/** Readers of one field of an imported row: each returns the normalised value or says what is wrong with it. */

export type FieldProblem = { field?: string; message: string }

/** A field reader's verdict on a value it cannot accept. */
export class Invalid {
  constructor(readonly message: string) {}
}
export type Reader<T> = (value: unknown) => T | Invalid

/**
 * Reads the fields of one record, collecting every problem rather than stopping at the first.
 * An invalid value stands in only until the caller returns the problems instead of the row.
 */
export function fieldCollector(values: Record<string, unknown>) {
  const problems: FieldProblem[] = []
  const field = <T>(name: string, read: Reader<T>): T => {
    const result = read(values[name])
    if (result instanceof Invalid) problems.push({ field: name, message: result.message })
    return result as T
  }
  return { field, problems }
}

export const shown = (value: unknown) => (value === undefined || value === '' ? 'nothing' : JSON.stringify(value))

export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

export const m49Code: Reader<number> = (value) => {
  const text = asText(value)
  return text && /^\d{1,3}$/.test(text) ? Number(text) : new Invalid(`must be a numeric M49 country code, got ${shown(value)}`)
}

export const iso3Code: Reader<string> = (value) => {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : undefined
  // Comtrade's aggregates have codes like W00 (World), so digits are allowed after the first letter.
  return text && /^[A-Z][A-Z0-9]{2}$/.test(text) ? text : new Invalid(`must be a three-letter ISO code such as CHN, got ${shown(value)}`)
}

export const nonEmptyText: Reader<string> = (value) => {
  const text = typeof value === 'string' ? value.trim() : ''
  return text || new Invalid(`must be text, got ${shown(value)}`)
}

export const commodityCode: Reader<string> = (value) => {
  const text = typeof value === 'string' ? value.trim().toUpperCase() : undefined
  return text && /^[A-Z0-9]+$/.test(text) ? text : new Invalid(`must be a commodity code such as TOTAL or 2709, got ${shown(value)}`)
}

export function oneOf<T extends string>(allowed: readonly T[], described: string): Reader<T> {
  return (value) => {
    const text = typeof value === 'string' ? value.trim().toUpperCase() : undefined
    return allowed.includes(text as T) ? (text as T) : new Invalid(`must be ${described}, got ${shown(value)}`)
  }
}

/** The flows a series can hold; Comtrade's others (re-exports RX, re-imports RM, …) are not series here. */
export const tradeFlow = oneOf(FLOW_CODES, "X (export) or M (import); Comtrade's other flows, such as RX and RM, are not imported")

/** Comtrade writes periods as YYYYMM (monthly) or YYYY (annual); the series store YYYY-MM or YYYY. */
export function comtradePeriod(freqCode: FrequencyCode): Reader<string> {
  return (value) => {
    const text = asText(value) ?? ''
    const monthly = COMTRADE_MONTH_PATTERN.exec(text)
    if (freqCode === 'M' && monthly) return `${monthly[1]}-${monthly[2]}`
    if (freqCode === 'A' && isPeriod(text) && parsePeriod(text)?.month === undefined) return text
    const expected = freqCode === 'M' ? 'a month as YYYYMM (freqCode is M)' : 'a year as YYYY (freqCode is A)'
    return new Invalid(`must be ${expected}, got ${shown(value)}`)
  }
}

export const dollarAmount: Reader<number> = (value) => {
  const text = asText(value)
  const amount = text !== undefined && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isFinite(amount)) return new Invalid(`must be a number of US dollars, got ${shown(value)}`)
  if (amount < 0) return new Invalid(`cannot be negative, got ${text}`)
  return amount
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A release's date and time, ISO 8601 (a date alone is 00:00 UTC); never later than now, since a release in the future would block every real one after it. */
export const releaseDate: Reader<string> = (value) => {
  const text = asText(value) ?? ''
  const time = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(time)) return new Invalid(`must be a date and time such as 2021-04-18T02:00:00Z, got ${shown(value)}`)
  if (time > Date.now()) return new Invalid(`is in the future (${text}); a release date is when the figures were published`)
  return new Date(time).toISOString()
}
