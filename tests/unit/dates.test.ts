import { describe, expect, it } from 'vitest'
import { formatDateline, formatDay, newsroomYear } from '@/lib/figures/dateline'
import { axisLabel, formatPeriod, parsePeriod } from '@/lib/figures/period'

describe('datelines in Korea Standard Time, naming the zone', () => {
  it.each([
    ['2021-04-19T06:30:00.000Z', 'April 19, 2021 - 15:30 KST'],
    ['2021-12-31T15:05:00Z', 'January 1, 2022 - 00:05 KST'],
    ['2021-04-19T15:30:00+09:00', 'April 19, 2021 - 15:30 KST'],
    // New York's evening is already the next morning in Seoul; summer time elsewhere does not shift KST.
    ['2021-07-04T20:00:00-04:00', 'July 5, 2021 - 09:00 KST'],
    ['2021-04-18T23:59:59-09:00', 'April 19, 2021 - 17:59 KST'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDateline(iso)).toBe(expected)
  })

  it.each(['not a date', '', '2021-13-45T00:00:00Z'])('gives %j back as stored rather than failing the page', (text) => {
    expect(formatDateline(text)).toBe(text)
    expect(formatDay(text)).toBe(text)
    expect(newsroomYear(text)).toBeUndefined()
  })

  it('names the day and year in Seoul, not UTC', () => {
    expect(formatDay('2021-12-31T15:05:00Z')).toBe('January 1, 2022')
    expect(newsroomYear('2021-12-31T15:05:00Z')).toBe(2022)
  })
})

describe('periods', () => {
  it.each([
    ['2021-03', 2021, 'March'],
    ['2020-09', 2021, 'September 2020'],
    ['2021-03', undefined, 'March 2021'],
    ['2020', 2021, '2020'],
    ['2021-13', 2021, '2021-13'],
  ])('%s in an article of %s → %s', (period, year, expected) => {
    expect(formatPeriod(period, year)).toBe(expected)
  })

  it.each([
    ['2020-09', undefined, { month: 'Sep', year: '2020' }],
    ['2020-12', '2020-09', { month: 'Dec' }],
    ['2021-03', '2020-12', { month: 'Mar', year: '2021' }],
    ['2021', '2020', { month: '2021' }],
  ])('axis label for %s after %s is %o', (period, previous, expected) => {
    expect(axisLabel(period, previous)).toEqual(expected)
  })

  it.each(['2021-00', '21-03', '2021-3', '2021-03-01', ''])('rejects %j', (period) => {
    expect(parsePeriod(period)).toBeUndefined()
  })
})
