import { describe, expect, it } from 'vitest'
import { type FigureRecord, recordFor } from '@/lib/figures/figureRecord'
import { presentTradeFact } from '@/lib/figures/presentTradeFact'
import { recordFigures, seriesAsOf } from '@/lib/figures/publicationRecord'
import type { SeriesForFacts, TradeFactInput } from '@/lib/figures/resolveTradeFact'

const series: SeriesForFacts = {
  _id: 'tradeSeries.imports',
  title: "North Korea's imports from China",
  slug: 'north-korea-imports-from-china',
  source: { wording: 'Chinese customs data' },
  observations: [
    {
      _type: 'tradeObservation',
      period: '2021-03',
      primaryValue: 13_500_000,
      status: 'revised',
      releasedAt: '2021-05-20T02:00:00.000Z',
      history: [
        { _type: 'observationRelease', _key: 'h', primaryValue: 12_980_000, status: 'provisional', releasedAt: '2021-04-18T02:00:00.000Z' },
      ],
    },
    { _type: 'tradeObservation', period: '2021-02', primaryValue: 3_000, status: 'provisional', releasedAt: '2021-04-18T02:00:00.000Z' },
    {
      _type: 'tradeObservation',
      period: '2021-04',
      primaryValue: 21_520_000,
      status: 'provisional',
      releasedAt: '2021-05-18T02:00:00.000Z',
    },
  ],
}
const PUBLISHED = '2021-04-19T06:30:00.000Z'
const fact = (key: string, extra: Partial<TradeFactInput> = {}): TradeFactInput & { _key: string } => ({
  _key: key,
  period: '2021-03',
  show: 'value',
  fallbackText: 'typed',
  seriesRef: series._id,
  series,
  ...extra,
})

describe('seriesAsOf: a series as it stood at a moment', () => {
  it('gives each observation its release then and leaves out what was not yet released', () => {
    const then = seriesAsOf(series, PUBLISHED)
    expect(then.observations?.map((o) => [o.period, o.primaryValue, o.releasedAt])).toEqual([
      ['2021-03', 12_980_000, '2021-04-18T02:00:00.000Z'],
      ['2021-02', 3_000, '2021-04-18T02:00:00.000Z'],
    ])
  })
})

describe('recordFigures: what a story records when it is published', () => {
  it.each<[string, TradeFactInput & { _key: string }, Partial<FigureRecord> | undefined]>([
    [
      'a value: the text and the release it came from',
      fact('a'),
      {
        text: '$12.98 million',
        readings: [expect.objectContaining({ period: '2021-03', primaryValue: 12_980_000, releasedAt: '2021-04-18T02:00:00.000Z' })],
      },
    ],
    [
      'a change: both periods read',
      fact('b', { show: 'change' }),
      {
        text: 'up 432,566.7 percent',
        readings: [
          expect.objectContaining({ period: '2021-03', primaryValue: 12_980_000 }),
          expect.objectContaining({ period: '2021-02', primaryValue: 3_000 }),
        ],
      },
    ],
    ['a period not yet released: nothing', fact('c', { period: '2021-04' }), undefined],
    ['a series that does not exist: nothing', fact('d', { series: null }), undefined],
  ])('%s', (_case, f, expected) => {
    const [record] = recordFigures([f], { moment: PUBLISHED, recordedAt: PUBLISHED })
    if (expected === undefined) expect(record).toBeUndefined()
    else expect(record).toMatchObject({ _key: f._key, _type: 'publishedFigure', seriesId: series._id, recordedAt: PUBLISHED, ...expected })
  })

  it('keeps the first publication’s record of a figure unchanged, re-records a re-pointed one, and keeps records of removed figures', () => {
    const first = recordFigures([fact('a'), fact('b'), fact('gone')], { moment: PUBLISHED, recordedAt: PUBLISHED })
    const later = '2021-06-01T00:00:00.000Z'
    const again = recordFigures([fact('a'), fact('b', { period: '2021-02' }), fact('new')], {
      moment: later,
      recordedAt: later,
      existing: first,
    })
    const byKey = new Map(again.map((r) => [r._key, r]))
    expect(byKey.get('a')).toEqual(first[0])
    expect(byKey.get('b')).toMatchObject({ period: '2021-02', text: '$3,000', recordedAt: later })
    expect(byKey.get('new')).toMatchObject({ text: '$13.5 million', recordedAt: later })
    expect(byKey.get('gone')).toEqual(first[2])
  })
})

describe('a figure reads its record', () => {
  const [record] = recordFigures([fact('a')], { moment: PUBLISHED, recordedAt: PUBLISHED })

  it.each<[string, Partial<TradeFactInput>, boolean]>([
    ['the same series, period and kind', {}, true],
    ['another period', { period: '2021-02' }, false],
    ['another kind', { show: 'change' }, false],
    ['another series', { seriesRef: 'tradeSeries.other' }, false],
  ])('only when it is the figure recorded: %s', (_case, change, applies) => {
    expect(recordFor(record, fact('a', change)) !== undefined).toBe(applies)
  })

  it('ignores a record that is not whole', () => {
    expect(recordFor({ ...(record as FigureRecord), readings: [] }, fact('a'))).toBeUndefined()
    expect(recordFor({ ...(record as FigureRecord), text: undefined }, fact('a'))).toBeUndefined()
  })

  it('prefers the record to the history, which an edit may have lost', () => {
    const withoutHistory = { ...series, observations: series.observations?.map(({ history: _h, ...o }) => o) }
    expect(presentTradeFact(fact('a', { series: withoutHistory, published: record }), PUBLISHED)).toMatchObject({
      resolved: true,
      text: '$13.5 million',
      valueAtPublication: 12_980_000,
      revision: { publishedText: '$12.98 million', revisedAt: '2021-05-20T02:00:00.000Z' },
    })
    expect(presentTradeFact(fact('a', { series: withoutHistory }), PUBLISHED)).toMatchObject({ revision: undefined })
  })
})

describe('a change figure revised through the period it compares with', () => {
  it('is dated by that period’s release', () => {
    const [record] = recordFigures([fact('b', { show: 'change' })], { moment: PUBLISHED, recordedAt: PUBLISHED })
    const february = {
      _type: 'tradeObservation' as const,
      period: '2021-02',
      primaryValue: 6_000,
      status: 'revised' as const,
      releasedAt: '2021-06-18T02:00:00.000Z',
    }
    const revised = { ...series, observations: [series.observations?.[0], february].filter((o) => o !== undefined) }
    expect(presentTradeFact(fact('b', { show: 'change', series: revised, published: record }), PUBLISHED)).toMatchObject({
      resolved: true,
      revision: { revisedAt: '2021-06-18T02:00:00.000Z', revisedOn: 'June 18, 2021' },
    })
  })
})

describe('a claim recorded after the story’s date', () => {
  it('is worded as the story’s page words it, so it reads as unrevised', () => {
    // March is the highest since February of the same year; recorded in a later year, the record must
    // still leave the year out, as the page does for a month of the story's own year.
    const claim = fact('c', { show: 'highestSince', comparePeriod: '2021-02' })
    const later = '2026-12-05T00:00:00.000Z'
    const [record] = recordFigures([claim], { moment: later, recordedAt: later, publishedAt: PUBLISHED })
    expect(record?.text).toBe('the highest level since February')
    expect(presentTradeFact({ ...claim, published: record }, PUBLISHED)).toMatchObject({ resolved: true, revision: undefined })
  })
})
