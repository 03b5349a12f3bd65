export type Period = { year: number; month?: number }

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/
const monthLong = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' })
const monthShort = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' })

/** Parses a Comtrade period, "2021-03" (monthly) or "2021" (annual); undefined when malformed. */
export function parsePeriod(period: string): Period | undefined {
  const match = PERIOD.exec(period)
  if (!match) return undefined
  return match[2] ? { year: Number(match[1]), month: Number(match[2]) } : { year: Number(match[1]) }
}

const monthName = (format: Intl.DateTimeFormat, { year, month = 1 }: Period) => format.format(Date.UTC(year, month - 1, 1))

/**
 * A period in words, as the prose names it: "March" when the year is the article's own,
 * "September 2020" otherwise, "2021" for a year. Malformed periods come back as typed.
 */
export function formatPeriod(period: string, contextYear?: number): string {
  const parsed = parsePeriod(period)
  if (!parsed) return period
  if (parsed.month === undefined) return String(parsed.year)
  const month = monthName(monthLong, parsed)
  return parsed.year === contextYear ? month : `${month} ${parsed.year}`
}

/** A period for an axis label: "Sep 2020", or the year alone. */
export function formatPeriodShort(period: string): string {
  const parsed = parsePeriod(period)
  if (!parsed) return period
  return parsed.month === undefined ? String(parsed.year) : `${monthName(monthShort, parsed)} ${parsed.year}`
}
