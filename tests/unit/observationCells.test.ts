import { describe, expect, it } from 'vitest'
import type { TradeObservation } from '@/lib/content/sanity.types'
import { formatReportDate, observationCells } from '@/lib/figures/observationCells'

const observation = (extra: Partial<TradeObservation>): TradeObservation => ({
  _type: 'tradeObservation',
  period: '2020-04',
  primaryValue: 21_800_000,
  status: 'provisional',
  releasedAt: '2020-06-24T00:00:00.000Z',
  ...extra,
})

describe('observation cells', () => {
  it.each([
    ['a value from a release', {}, ['April 2020', '$21.8 million', 'provisional', 'June 24, 2020']],
    [
      'an approximate value, dated by its report',
      { approximate: true, citation: { reportedBy: 'UPI', reportedOn: '2020-06-24', url: 'https://www.upi.com/' } },
      ['April 2020', 'about $21.8 million', 'provisional', 'June 24, 2020'],
    ],
    [
      'a report known only by its month, not by the last day its release date counts from',
      { releasedAt: '2020-10-31T00:00:00.000Z', citation: { reportedBy: 'MBC', reportedOn: '2020-10', url: 'https://imnews.imbc.com/' } },
      ['April 2020', '$21.8 million', 'provisional', 'October 2020'],
    ],
    ['no value', { primaryValue: undefined }, ['April 2020', 'not available', 'provisional', 'June 24, 2020']],
  ] as const)('%s', (_name, extra, expected) => {
    expect(observationCells(observation(extra as Partial<TradeObservation>))).toEqual(expected)
  })

  it.each([
    ['2021-03-18', 'March 18, 2021'],
    ['2022-01', 'January 2022'],
    ['sometime', 'sometime'],
  ])('a report dated %s reads %s', (date, expected) => {
    expect(formatReportDate(date)).toBe(expected)
  })
})
