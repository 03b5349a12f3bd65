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

describe('formatUsd at the precision an editor chose', () => {
  it.each([
    // The reference story's figures from the reported values, at the precision the story wrote them.
    [18_882_000, { rule: 'decimals', digits: 1 }, '$18.9 million'],
    [18_882_000, { rule: 'significant', digits: 3 }, '$18.9 million'],
    [1_308_000, { rule: 'decimals', digits: 1 }, '$1.3 million'],
    [1_308_000, { rule: 'significant', digits: 2 }, '$1.3 million'],
    [12_978_000, { rule: 'decimals', digits: 2 }, '$12.98 million'],
    [12_978_000, { rule: 'significant', digits: 4 }, '$12.98 million'],
    [1_754_000, { rule: 'decimals', digits: 2 }, '$1.75 million'],
    [1_754_000, { rule: 'significant', digits: 3 }, '$1.75 million'],
    [3_000, { rule: 'decimals', digits: 1 }, '$3,000'],
    [3_000, { rule: 'significant', digits: 2 }, '$3,000'],
    // Finer than house style, and coarser.
    [1_754_000, { rule: 'decimals', digits: 3 }, '$1.754 million'],
    [12_978_000, { rule: 'decimals', digits: 0 }, '$13 million'],
    [12_978_000, { rule: 'significant', digits: 1 }, '$10 million'],
    // Significant figures apply below a million too; decimals do not (the unit is the whole dollar).
    [253_000, { rule: 'significant', digits: 1 }, '$300,000'],
    [148_400, { rule: 'significant', digits: 2 }, '$150,000'],
    [148_400, { rule: 'decimals', digits: 2 }, '$148,400'],
    // Trailing zeros are dropped, as house style has it.
    [13_000_000, { rule: 'decimals', digits: 1 }, '$13 million'],
    [13_000_000, { rule: 'significant', digits: 3 }, '$13 million'],
    // Rounding into the next unit writes the next unit.
    [999_600, { rule: 'significant', digits: 3 }, '$1 million'],
    [999_960_000, { rule: 'decimals', digits: 1 }, '$1 billion'],
    [1_234_567_890, { rule: 'significant', digits: 4 }, '$1.235 billion'],
    [-18_882_000, { rule: 'decimals', digits: 1 }, '\u2212$18.9 million'],
    // Out-of-range digits from stored content are held to what the rules allow.
    [18_882_000, { rule: 'significant', digits: 0 }, '$20 million'],
    [1_754_321, { rule: 'decimals', digits: 40 }, '$1.754321 million'],
    [18_882_000, { rule: 'decimals', digits: Number.NaN }, '$18.88 million'],
  ] as const)('%d at %o → %s', (value, precision, expected) => {
    expect(formatUsd(value, precision)).toBe(expected)
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
