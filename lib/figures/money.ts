const wholeDollars = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

const MILLION = 1_000_000
const BILLION = 1_000_000_000
// U+2212: screen readers say "minus"; a hyphen is read as a dash.
const MINUS = '\u2212'

/**
 * How finely a figure is written, as the editor chose it: at most so many decimals of its unit
 * (millions or billions), or so many significant figures of the whole value. Below a million the
 * unit is the whole dollar, so decimals do not apply there.
 */
export type Precision = { rule: 'decimals'; digits: number } | { rule: 'significant'; digits: number }

export const PRECISION_RULES = ['decimals', 'significant'] as const

/** House style without an editor's choice: at most two decimals of a million or billion. */
export const HOUSE_PRECISION: Precision = { rule: 'decimals', digits: 2 }

/** The most digits either rule takes: beyond it, customs figures carry no more information. */
export const MAX_PRECISION_DIGITS = 6

/**
 * US dollars in house style: from a million up, millions (or billions) with trailing zeros
 * dropped ("$12.98 million", "$18.9 million"); below, whole dollars ("$3,000"). By default at
 * most two decimals; an editor's precision rounds further or finer ("$18.9 million" for
 * 18,882,000 at one decimal or three significant figures). Rounding is done in integers so
 * 9,995,000 becomes "$10 million", never "$9.99 million" through floating-point error, and a
 * value that rounds up to the next unit is written in that unit.
 */
export function formatUsd(value: number, precision: Precision = HOUSE_PRECISION): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a dollar amount: ${value}`)
  const least = precision.rule === 'significant' ? 1 : 0
  const digits = Number.isFinite(precision.digits) ? Math.min(Math.max(Math.trunc(precision.digits), least), MAX_PRECISION_DIGITS) : 2
  const sign = value < 0 ? MINUS : ''
  const rounded = Math.round(Math.abs(value))
  const dollars = precision.rule === 'significant' ? toSignificant(rounded, digits) : rounded
  if (dollars < MILLION) return `${sign}$${wholeDollars.format(dollars)}`
  const inMillions = inUnit(dollars, MILLION, decimalsFor(precision.rule, digits, dollars, MILLION))
  if (inMillions.whole < 1000) return `${sign}$${inMillions.text} million`
  return `${sign}$${inUnit(dollars, BILLION, decimalsFor(precision.rule, digits, dollars, BILLION)).text} billion`
}

/** Whole dollars rounded to so many significant figures: 18,882,000 to 3 is 18,900,000. */
function toSignificant(dollars: number, digits: number): number {
  const excess = String(dollars).length - digits
  if (excess <= 0) return dollars
  const step = 10 ** excess
  return Math.round(dollars / step) * step
}

/** Decimals of the unit that show the chosen precision: for significant figures, those left after the whole part. */
function decimalsFor(rule: Precision['rule'], digits: number, dollars: number, unit: number): number {
  if (rule === 'decimals') return digits
  return Math.max(0, digits - String(Math.floor(dollars / unit)).length)
}

// Built once: constructing a formatter costs more than formatting many values with it.
const UP_TO_DECIMALS = Array.from(
  { length: MAX_PRECISION_DIGITS + 1 },
  (_, n) => new Intl.NumberFormat('en-US', { maximumFractionDigits: n }),
)

/** A value in millions or billions with at most `decimals` decimals, trailing zeros dropped. */
function inUnit(dollars: number, unit: number, decimals: number): { whole: number; text: string } {
  const scale = 10 ** decimals
  const steps = Math.round(dollars / (unit / scale))
  const formatter = UP_TO_DECIMALS[decimals]
  if (!formatter) throw new RangeError(`Decimals out of range: ${decimals}`)
  return { whole: Math.floor(steps / scale), text: formatter.format(steps / scale) }
}

/** A share or change in percent, with "percent" spelled out ("90 percent", "12.5 percent"). */
export function formatPercent(value: number, maximumFractionDigits = 1): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a percentage: ${value}`)
  const digits = new Intl.NumberFormat('en-US', { maximumFractionDigits }).format(Math.abs(value))
  return `${value < 0 && digits !== '0' ? MINUS : ''}${digits} percent`
}
