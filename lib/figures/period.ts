export type Period = { year: number; month?: number }

const YEAR = String.raw`(\d{4})`
const MONTH = '(0[1-9]|1[0-2])'

/**
 * A period as series store it and stories cite it: a year ("2021") or a month ("2021-03", months
 * 01 to 12). The one definition for the Studio's checks, the importer, routes and feeds.
 */
export const PERIOD_PATTERN = new RegExp(`^${YEAR}(?:-${MONTH})?$`)
export const isPeriod = (text: string) => PERIOD_PATTERN.test(text)
/** A month as UN Comtrade writes it ("202103"), or as the series store it ("2021-03"). */
export const COMTRADE_MONTH_PATTERN = new RegExp(`^${YEAR}-?${MONTH}$`)

const monthLong = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' })
const monthShort = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' })

/** Parses a Comtrade period, "2021-03" (monthly) or "2021" (annual); undefined when malformed. */
export function parsePeriod(period: string): Period | undefined {
  const match = PERIOD_PATTERN.exec(period)
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

/**
 * A period for an axis label, in two lines: "Sep" over "2020". The year shows under the first
 * label and wherever it changes from the label before; a year period is its own label.
 */
export function axisLabel(period: string, previous?: string): { month: string; year?: string } {
  const parsed = parsePeriod(period)
  if (!parsed) return { month: period }
  if (parsed.month === undefined) return { month: String(parsed.year) }
  const month = monthName(monthShort, parsed)
  return previous?.slice(0, 4) === period.slice(0, 4) ? { month } : { month, year: String(parsed.year) }
}
