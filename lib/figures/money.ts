const wholeDollars = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const upToTwoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

const MILLION = 1_000_000
const BILLION = 1_000_000_000
// U+2212: screen readers say "minus"; a hyphen is read as a dash.
const MINUS = '\u2212'

/**
 * US dollars in house style: from a million up, millions (or billions) with at most two decimals
 * and trailing zeros dropped ("$12.98 million", "$18.9 million"); below, whole dollars ("$3,000").
 * Rounding is done in integer hundredths of the unit so 9,995,000 becomes "$10 million", never
 * "$9.99 million" through floating-point error, and a value that rounds up to the next unit is
 * written in that unit.
 */
export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a dollar amount: ${value}`)
  const sign = value < 0 ? MINUS : ''
  const dollars = Math.round(Math.abs(value))
  if (dollars < MILLION) return `${sign}$${wholeDollars.format(dollars)}`
  const hundredthsOfMillion = Math.round(dollars / (MILLION / 100))
  if (hundredthsOfMillion < 100_000) return `${sign}$${upToTwoDecimals.format(hundredthsOfMillion / 100)} million`
  const hundredthsOfBillion = Math.round(dollars / (BILLION / 100))
  return `${sign}$${upToTwoDecimals.format(hundredthsOfBillion / 100)} billion`
}

/** A share or change in percent, with "percent" spelled out ("90 percent", "12.5 percent"). */
export function formatPercent(value: number, maximumFractionDigits = 1): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a percentage: ${value}`)
  const digits = new Intl.NumberFormat('en-US', { maximumFractionDigits }).format(Math.abs(value))
  return `${value < 0 && digits !== '0' ? MINUS : ''}${digits} percent`
}
