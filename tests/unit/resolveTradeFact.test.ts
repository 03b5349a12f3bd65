import { describe, expect, it } from 'vitest'
import { releaseAt } from '@/lib/figures/observation'
import { resolveTradeFact, type SeriesForFacts } from '@/lib/figures/resolveTradeFact'

const series: SeriesForFacts = {
  _id: 'tradeSeries.imports',
  title: "North Korea's imports from China",
  slug: 'north-korea-imports-from-china',
  source: { agency: 'General Administration of Customs', wording: 'Chinese customs data' },
  observations: [
    { _type: 'tradeObservation', period: '2021-03', primaryValue: 12_980_000, status: 'provisional', releasedAt: '2021-04-18T02:00:00Z' },
    {
      _type: 'tradeObservation',
      period: '2021-02',
      primaryValue: 3_500,
      status: 'revised',
      releasedAt: '2021-05-18T02:00:00Z',
      history: [{ _type: 'observationRelease', _key: 'a', primaryValue: 3_000, status: 'provisional', releasedAt: '2021-03-18T02:00:00Z' }],
    },
  ],
}
const publishedAt = '2021-04-19T06:30:00Z'

describe('resolveTradeFact', () => {
  it('formats the current value and names series, period and source', () => {
    const fact = resolveTradeFact({ _key: 'f1', period: '2021-03', fallbackText: '$12.98 million', series }, publishedAt)
    expect(fact).toMatchObject({
      ok: true,
      text: '$12.98 million',
      periodLabel: 'March 2021',
      sourceName: 'Chinese customs data',
      revisedSincePublication: false,
    })
  })

  it('derives the value at publication from the history and flags a later revision', () => {
    const fact = resolveTradeFact({ _key: 'f2', period: '2021-02', fallbackText: '$3,000', series }, publishedAt)
    expect(fact.ok && fact.text).toBe('$3,500')
    expect(fact.ok && fact.atPublication?.primaryValue).toBe(3_000)
    expect(fact.ok && fact.revisedSincePublication).toBe(true)
  })

  it.each([
    ['a missing series', { period: '2021-03', series: null }, /series it points at does not exist/],
    ['a malformed period', { period: 'March', series }, /not YYYY or YYYY-MM/],
    ['a period the series lacks', { period: '2019-01', series }, /no value for 2019-01/],
  ])('falls back to the typed text for %s', (_name, input, problem) => {
    const fact = resolveTradeFact({ fallbackText: '$1 million', ...input }, publishedAt)
    expect(fact).toMatchObject({ ok: false, text: '$1 million' })
    expect(!fact.ok && fact.problem).toMatch(problem)
  })
})

describe('releaseAt', () => {
  const observation = series.observations?.[1]
  it.each([
    ['2021-03-01T00:00:00Z', undefined],
    ['2021-04-19T00:00:00Z', 3_000],
    ['2021-05-18T02:00:00Z', 3_500],
  ])('at %s the reader saw %s', (moment, expected) => {
    expect(observation && releaseAt(observation, moment)?.primaryValue).toBe(expected)
  })
})

describe('figures that show a change', () => {
  const exports: SeriesForFacts = {
    _id: 'tradeSeries.exports',
    slug: 'north-korea-exports-to-china',
    observations: [
      { _type: 'tradeObservation', period: '2021-02', primaryValue: 1_750_000, status: 'provisional', releasedAt: '2021-04-18T02:00:00Z' },
      { _type: 'tradeObservation', period: '2021-03', primaryValue: 1_300_000, status: 'provisional', releasedAt: '2021-04-18T02:00:00Z' },
      { _type: 'tradeObservation', period: '2021-04', primaryValue: 0, status: 'final', releasedAt: '2021-05-18T02:00:00Z' },
      { _type: 'tradeObservation', period: '2021-05', primaryValue: 40_000, status: 'final', releasedAt: '2021-06-18T02:00:00Z' },
    ],
  }
  it.each([
    ['against the previous month by default', { period: '2021-03' }, 'down 25.7 percent'],
    ['against a named period', { period: '2021-03', comparePeriod: '2021-02' }, 'down 25.7 percent'],
    ['up from a smaller value', { period: '2021-02', comparePeriod: '2021-03' }, 'up 34.6 percent'],
    ['in dollars when the base is zero', { period: '2021-05' }, 'up $40,000'],
  ])('%s', (_name, input, expected) => {
    const fact = resolveTradeFact({ ...input, show: 'change', fallbackText: 'typed', series: exports }, '2021-07-01T00:00:00Z')
    expect(fact.ok && fact.text).toBe(expected)
  })

  it.each([
    ['a base near zero', 5e-324, 1e15],
    ['a change beyond a double', -Number.MAX_VALUE, Number.MAX_VALUE],
  ])('falls back when the change from %s cannot be stated', (_name, from, to) => {
    const extreme: SeriesForFacts = {
      _id: 'tradeSeries.extreme',
      slug: 'extreme',
      observations: [
        { _type: 'tradeObservation', period: '2021-02', primaryValue: from, releasedAt: '2021-04-18T02:00:00Z' },
        { _type: 'tradeObservation', period: '2021-03', primaryValue: to, releasedAt: '2021-04-18T02:00:00Z' },
      ],
    }
    const fact = resolveTradeFact({ period: '2021-03', show: 'change', fallbackText: 'a rise', series: extreme }, null)
    expect(fact).toMatchObject({ ok: false, text: 'a rise', problem: 'the change from 2021-02 is too large to state' })
  })

  it('falls back when the period to compare with is missing', () => {
    const fact = resolveTradeFact(
      { period: '2021-03', show: 'change', comparePeriod: '2020-03', fallbackText: 'a drop', series: exports },
      null,
    )
    expect(fact).toMatchObject({ ok: false, text: 'a drop', problem: 'cannot compare with 2020-03: no value for 2020-03' })
  })

  it.each([
    ['share', /unknown figure kind "share"/],
    ['sparkline', /unknown figure kind "sparkline"/],
  ])('shows the typed text for a %s figure it cannot compute', (show, problem) => {
    const fact = resolveTradeFact({ period: '2021-03', show, fallbackText: 'typed', series: exports }, null)
    expect(fact.ok).toBe(false)
    expect(!fact.ok && fact.problem).toMatch(problem)
  })
})

describe('figures at the precision the editor chose', () => {
  const reported: SeriesForFacts = {
    _id: 'tradeSeries.imports',
    slug: 'north-korea-imports-from-china',
    observations: [
      { _type: 'tradeObservation', period: '2020-09', primaryValue: 18_882_000, status: 'provisional', releasedAt: '2020-10-31T00:00:00Z' },
    ],
  }
  it.each([
    ['house style without a choice', undefined, '$18.88 million'],
    ['one decimal, as the reference story writes it', { rule: 'decimals', digits: 1 }, '$18.9 million'],
    ['three significant figures', { rule: 'significant', digits: 3 }, '$18.9 million'],
    ['house style for a rule it does not know', { rule: 'words', digits: 1 }, '$18.88 million'],
    ['house style when the digits are missing', { rule: 'decimals', digits: null }, '$18.88 million'],
  ])('%s', (_name, precision, expected) => {
    const fact = resolveTradeFact({ period: '2020-09', precision, fallbackText: '$18.9 million', series: reported }, publishedAt)
    expect(fact.ok && fact.text).toBe(expected)
  })
})

describe('"highest since" claims', () => {
  // China's exports to North Korea as reported, August 2020 to March 2021 (December 2020 left out below).
  const months: Array<[string, number]> = [
    ['2020-08', 19_300_000],
    ['2020-09', 18_882_000],
    ['2020-10', 253_000],
    ['2020-11', 148_000],
    ['2020-12', 3_378_000],
    ['2021-01', 29_000],
    ['2021-02', 3_000],
    ['2021-03', 12_978_000],
  ]
  const seriesOf = (values: Array<[string, number]>): SeriesForFacts => ({
    _id: 'tradeSeries.imports',
    title: "North Korea's imports from China",
    slug: 'north-korea-imports-from-china',
    observations: values.map(([period, primaryValue]) => ({
      _type: 'tradeObservation',
      period,
      primaryValue,
      status: 'provisional',
      releasedAt: '2021-04-18T00:00:00Z',
    })),
  })
  const claim = (comparePeriod: string, values = months) =>
    resolveTradeFact(
      { period: '2021-03', show: 'highestSince', comparePeriod, fallbackText: 'typed', series: seriesOf(values) },
      publishedAt,
    )

  it.each([
    ['2020-09', 'the highest level since September 2020', 'supported'],
    ['2020-08', 'the highest level since August 2020', 'not supported'],
    ['2020-11', 'the highest level since November 2020', 'not supported'],
  ])('since %s reads "%s" and is %s', (since, text, verdict) => {
    expect(claim(since)).toMatchObject({ ok: true, text, claim: { verdict } })
  })

  it('cannot be checked when a month in between is missing', () => {
    const withoutDecember = months.filter(([p]) => p !== '2020-12')
    expect(claim('2020-09', withoutDecember)).toMatchObject({
      ok: true,
      claim: { verdict: 'cannot be checked', missing: ['2020-12'] },
    })
  })

  it('names the month by the article’s year: the year is left out when it is the same', () => {
    const fact = resolveTradeFact(
      { period: '2021-03', show: 'highestSince', comparePeriod: '2021-01', fallbackText: 'typed', series: seriesOf(months) },
      publishedAt,
    )
    expect(fact.ok && fact.text).toBe('the highest level since January')
  })

  it('falls back to the typed text when the claim names no period', () => {
    expect(claim('')).toMatchObject({ ok: false, text: 'typed', problem: expect.stringMatching(/needs the period/) })
  })
})
