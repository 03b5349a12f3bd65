import { describe, expect, it } from 'vitest'
import { describeRecent, RECENT_PERIODS, recentPoints } from '@/lib/figures/recentValues'

// Sample monthly values, January 2020 to March 2021, with November 2020 never reported.
const months = [
  ...['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '12'].map((m) => `2020-${m}`),
  ...['01', '02', '03'].map((m) => `2021-${m}`),
]
const observations = months.map((period, i) => ({ period, primaryValue: (i + 1) * 1_000_000 }))

describe("the figure inspector's recent values", () => {
  it.each([
    ['the chosen period and the reported ones before it, the gap kept', '2021-03', '2020-03', '2021-03', 13],
    ['the latest periods when none is chosen', undefined, '2020-03', '2021-03', 13],
    ['fewer when the series is young', '2020-04', '2020-01', '2020-04', 4],
  ])('%s', (_, period, first, last, count) => {
    const points = recentPoints(observations, period)
    expect(points.filter((p) => p.value !== undefined).length).toBeLessThanOrEqual(RECENT_PERIODS)
    expect([points[0]?.period, points.at(-1)?.period, points.length]).toEqual([first, last, count])
  })

  it('marks the month nobody reported as missing, not zero', () => {
    expect(recentPoints(observations, '2021-03').find((p) => p.period === '2020-11')).toEqual({ period: '2020-11', value: undefined })
  })

  it('has nothing to draw before the series begins', () => {
    expect(recentPoints(observations, '2019-12')).toEqual([])
  })

  it('says what the chart shows in words', () => {
    expect(describeRecent(recentPoints(observations, '2020-04'), '2020-04')).toBe(
      'January 2020 to April 2020; lowest $1 million (January 2020); highest $4 million (April 2020); April 2020: $4 million',
    )
    expect(describeRecent([], undefined)).toBe('No reported values before this period.')
  })
})
