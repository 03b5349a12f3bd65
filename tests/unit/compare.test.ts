import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TradeObservation } from '@/lib/content/sanity.types'
import { chartPoints } from '@/lib/figures/chartData'
import { checkHighestSince, compare, nextPeriod, periodsBetween, previousPeriod, yearEarlier } from '@/lib/figures/compare'
import { parseCitedTable } from '@/lib/tradeImport/citedRows'

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

describe('periods', () => {
  it.each([
    ['2021-03', '2021-02', '2020-03'],
    ['2021-01', '2020-12', '2020-01'],
    ['2021', '2020', '2020'],
  ])('%s: previous %s, a year earlier %s', (period, previous, earlier) => {
    expect(previousPeriod(period)).toBe(previous)
    expect(yearEarlier(period)).toBe(earlier)
    expect(previous && nextPeriod(previous)).toBe(period)
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

// The seed's real series (China's customs figures as reported): 2020-03 of exports and 2020-02,
// 2020-12 of imports were not reported.
const seedTable = parseCitedTable(
  'seed.csv',
  readFileSync(resolve(import.meta.dirname, '../../sanity/seed/trade/china-dprk-monthly-trade-2020-2021.csv'), 'utf8'),
)
const seedSeries = (flow: 'X' | 'M'): TradeObservation[] =>
  seedTable.rows
    .filter((r) => r.flowCode === flow)
    .map((r) => ({ _type: 'tradeObservation', period: r.period, primaryValue: r.primaryValue, status: 'provisional' }))

describe('checkHighestSince, on the real series', () => {
  it.each([
    // The reference story: March 2021 was the highest level since September 2020.
    ['X', '2021-03', '2020-09', { verdict: 'supported', since: '2020-09', sinceValue: 18_882_000 }],
    ['X', '2021-09', '2020-07', { verdict: 'supported', since: '2020-07', sinceValue: 65_865_000 }],
    // July 2020 was higher than September 2021, so it was not the highest since June 2020.
    ['X', '2021-09', '2020-06', { verdict: 'not supported', since: '2020-06', higherSince: '2020-07' }],
    // Reuters: April 2021 exports rose "to highest since July 2020"; August 2020 was lower than April, so not since August.
    ['X', '2021-04', '2020-07', { verdict: 'supported', since: '2020-07', sinceValue: 65_865_000 }],
    ['X', '2021-04', '2020-08', { verdict: 'not supported', since: '2020-08' }],
    // Too recent a start: December 2020 was lower, and so was every month after.
    ['X', '2021-03', '2020-12', { verdict: 'not supported', since: '2020-12' }],
    // December 2020 is missing from imports: it might have been higher.
    ['M', '2021-01', '2020-09', { verdict: 'cannot be checked', since: '2020-09', missing: ['2020-12'] }],
    // A missing month in between does not save a claim that a known month refutes.
    ['M', '2021-01', '2020-06', { verdict: 'not supported', since: '2020-06', higherSince: '2020-09' }],
    // The named period itself missing.
    ['X', '2020-05', '2020-03', { verdict: 'cannot be checked', since: '2020-03', missing: ['2020-03'] }],
  ] as const)('%s %s highest since %s', (flow, period, since, expected) => {
    expect(checkHighestSince(seedSeries(flow), period, since)).toEqual(expected)
  })

  it.each([
    ['no value for the period itself', 'X', '2021-12', '2021-01', /no value for 2021-12/],
    ['no period named', 'X', '2021-03', undefined, /needs the period/],
    ['a later period', 'X', '2021-03', '2021-05', /not an earlier period/],
    ['a year against a month', 'X', '2021-03', '2020', /not an earlier period of the same frequency/],
  ] as const)('cannot resolve a claim with %s', (_name, flow, period, since, problem) => {
    const check = checkHighestSince(seedSeries(flow), period, since)
    expect(check.verdict).toBe('unresolved')
    expect(check.verdict === 'unresolved' && check.problem).toMatch(problem)
  })

  it('reads only the periods from the named one to the claimed one', () => {
    const window = seedSeries('X').filter((o) => (o.period ?? '') >= '2020-09' && (o.period ?? '') <= '2021-03')
    expect(checkHighestSince(window, '2021-03', '2020-09')).toEqual(checkHighestSince(seedSeries('X'), '2021-03', '2020-09'))
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
