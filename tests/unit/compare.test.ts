import { describe, expect, it } from 'vitest'
import type { TradeObservation } from '@/lib/content/sanity.types'
import { chartPoints } from '@/lib/figures/chartData'
import { compare, highestSince, periodsBetween, previousPeriod, yearEarlier } from '@/lib/figures/compare'

const series = (values: Record<string, number>): TradeObservation[] =>
  Object.entries(values).map(([period, primaryValue]) => ({
    _type: 'tradeObservation',
    period,
    primaryValue,
    status: 'final',
    releasedAt: '2021-04-18T00:00:00Z',
  }))

// The imports series as the reference story reports it: October 2020 to January 2021 are not reported.
const reported = series({ '2020-09': 18_900_000, '2021-02': 3_000, '2021-03': 12_980_000 })
const complete = series({
  '2020-09': 18_900_000,
  '2020-10': 250_000,
  '2020-11': 120_000,
  '2020-12': 60_000,
  '2021-01': 10_000,
  '2021-02': 3_000,
  '2021-03': 12_980_000,
})

describe('periods', () => {
  it.each([
    ['2021-03', '2021-02', '2020-03'],
    ['2021-01', '2020-12', '2020-01'],
    ['2021', '2020', '2020'],
  ])('%s: previous %s, a year earlier %s', (period, previous, earlier) => {
    expect(previousPeriod(period)).toBe(previous)
    expect(yearEarlier(period)).toBe(earlier)
  })
  it('lists the periods in between', () => {
    expect(periodsBetween('2020-09', '2021-02')).toEqual(['2020-10', '2020-11', '2020-12', '2021-01'])
    expect(periodsBetween('2021-02', '2021-03')).toEqual([])
  })
})

describe('compare', () => {
  it('computes "a dramatic jump from February, when it logged $3,000" from the data', () => {
    expect(compare(reported, '2021-03', previousPeriod('2021-03'))).toMatchObject({
      ok: true,
      fromValue: 3_000,
      toValue: 12_980_000,
      change: 12_977_000,
    })
  })
  it('computes a fall as a negative change with its percentage', () => {
    const exports = series({ '2021-02': 1_750_000, '2021-03': 1_300_000 })
    const result = compare(exports, '2021-03', '2021-02')
    expect(result.ok && result.change).toBe(-450_000)
    expect(result.ok && result.percentChange).toBeCloseTo(-25.714, 3)
  })
  it.each([
    ['a year earlier that the series lacks', '2021-03', yearEarlier('2021-03'), /no value for 2020-03/],
    ['a period the series lacks', '2021-04', '2021-03', /no value for 2021-04/],
    ['no period at all', '2021-03', undefined, /no period to compare/],
  ])('reports %s', (_name, to, from, problem) => {
    const result = compare(reported, to, from)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problem).toMatch(problem)
  })
  it('gives no percentage against zero', () => {
    const result = compare(series({ '2021-02': 0, '2021-03': 5 }), '2021-03', '2021-02')
    expect(result).toMatchObject({ ok: true, change: 5, percentChange: undefined })
  })
})

describe('highestSince', () => {
  it('finds "the highest level since September 2020" when every month in between is known', () => {
    expect(highestSince(complete, '2021-03')).toEqual({ ok: true, since: '2020-09', sinceValue: 18_900_000 })
  })
  it('reports itself unverifiable when months in between are missing', () => {
    expect(highestSince(reported, '2021-03')).toMatchObject({ ok: false, missing: ['2020-10', '2020-11', '2020-12', '2021-01'] })
  })
  it('says all-time high when nothing earlier was higher', () => {
    expect(highestSince(series({ '2021-01': 5, '2021-02': 7 }), '2021-02')).toEqual({ ok: true, since: undefined, allTimeHigh: true })
  })
})

describe('chartPoints', () => {
  it('keeps missing months as gaps between the reported ones', () => {
    expect(chartPoints(reported, '2020-09', '2021-03')).toEqual([
      { period: '2020-09', value: 18_900_000 },
      { period: '2020-10', value: undefined },
      { period: '2020-11', value: undefined },
      { period: '2020-12', value: undefined },
      { period: '2021-01', value: undefined },
      { period: '2021-02', value: 3_000 },
      { period: '2021-03', value: 12_980_000 },
    ])
  })
  it('cuts to the window', () => {
    expect(chartPoints(reported, '2021-02', '2021-03').map((p) => p.period)).toEqual(['2021-02', '2021-03'])
    expect(chartPoints(reported, '2022-01', '2022-02').map((p) => p.value)).toEqual([undefined, undefined])
    expect(chartPoints([], undefined, undefined)).toEqual([])
  })
})
