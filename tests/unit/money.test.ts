import { describe, expect, it } from 'vitest'
import { formatPercent, formatUsd } from '@/lib/figures/money'

describe('formatUsd in house style', () => {
  it.each([
    // Every dollar figure of the reference story.
    [12_980_000, '$12.98 million'],
    [3_000, '$3,000'],
    [18_900_000, '$18.9 million'],
    [1_300_000, '$1.3 million'],
    [1_750_000, '$1.75 million'],
    // Units and trailing zeros.
    [1_000_000, '$1 million'],
    [2_500_000_000, '$2.5 billion'],
    [1_234_567_890, '$1.23 billion'],
    [0, '$0'],
    [999, '$999'],
    [45_678.4, '$45,678'],
    // Rounding edges: a value that rounds into the next unit is written in that unit.
    [999_999, '$999,999'],
    [999_999.6, '$1 million'],
    [9_995_000, '$10 million'],
    [9_994_999, '$9.99 million'],
    [999_995_000, '$1 billion'],
    [12_985_000, '$12.99 million'],
    // Negative values use a true minus sign.
    [-1_300_000, '\u2212$1.3 million'],
    [-3_000, '\u2212$3,000'],
  ])('%d → %s', (value, expected) => {
    expect(formatUsd(value)).toBe(expected)
  })

  it('refuses what is not a number of dollars', () => {
    expect(() => formatUsd(Number.NaN)).toThrow(/Not a dollar amount/)
    expect(() => formatUsd(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('formatPercent', () => {
  it.each([
    [90, '90 percent'],
    [12.54, '12.5 percent'],
    [-4.2, '\u22124.2 percent'],
    [-0.01, '0 percent'],
  ])('%d → %s', (value, expected) => {
    expect(formatPercent(value)).toBe(expected)
  })
})
