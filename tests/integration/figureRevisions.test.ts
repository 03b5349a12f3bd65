import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTICLE_QUERY, SITE_FEED_QUERY } from '@/lib/content/queries'
import { chartPoints, observationsInWindow } from '@/lib/figures/chartData'
import { presentTradeFact, tradeFactsIn } from '@/lib/figures/presentTradeFact'
import type { SeriesForFacts, TradeFactInput } from '@/lib/figures/resolveTradeFact'
import { startTestLake, type TestLake } from '../harness/lake'
import { REFERENCE_FIGURE_TEXTS } from '../harness/referenceStory'

const SLUG = 'nk-imports-from-china-spike-in-march'
const IMPORTS = 'tradeSeries.chn-prk-x-total-m'

/** The value at publication, from the story's record or derived from the history stored in the lake, through the app's own query. */
describe('figures against revised data in the lake', () => {
  let testLake: TestLake
  const client = () => testLake.client

  const figures = async () => {
    const article = await client().fetch(ARTICLE_QUERY, { slug: SLUG })
    return tradeFactsIn(article?.body).map((fact) => presentTradeFact(fact, article?.publishedAt))
  }

  beforeAll(async () => {
    testLake = await startTestLake()
  })
  afterAll(() => testLake?.stop())

  it('reads every figure of the reference story as published, with no revision', async () => {
    const all = await figures()
    expect(all.map((f) => f.text)).toEqual(REFERENCE_FIGURE_TEXTS)
    expect(all.every((f) => f.resolved && f.revision === undefined && f.valueAtPublication === f.value)).toBe(true)
    expect(all[2]).toMatchObject({ claim: { verdict: 'supported' } })
  })

  it('shows a later revision with the value readers saw at publication', async () => {
    const march = 'observations[_key=="2021-03"]'
    await client()
      .withConfig({ perspective: 'raw' })
      .patch(IMPORTS)
      .setIfMissing({ [`${march}.history`]: [] })
      .insert('after', `${march}.history[-1]`, [
        {
          _key: 'r1',
          _type: 'observationRelease',
          primaryValue: 12_978_000,
          status: 'provisional',
          releasedAt: '2021-04-18T00:00:00.000Z',
        },
      ])
      .set({ [`${march}.primaryValue`]: 13_010_000, [`${march}.status`]: 'revised', [`${march}.releasedAt`]: '2021-05-18T02:00:00.000Z' })
      .commit()
    const [first] = await figures()
    expect(first).toMatchObject({
      resolved: true,
      text: '$13.01 million',
      status: 'revised',
      value: 13_010_000,
      valueAtPublication: 12_978_000,
      revision: { publishedText: '$12.98 million', publishedOn: 'April 19, 2021', revisedOn: 'May 18, 2021' },
    })
  })

  it('falls back to the typed text, unverified, when an observation of a story without a publication record is deleted', async () => {
    // Content from before stories recorded their figures (lib/figures/publicationRecord).
    await client().patch('article.nk-imports-from-china-spike-in-march').unset(['publishedFigures']).commit()
    await client().patch(IMPORTS).unset(['observations[_key=="2021-02"]']).commit()
    const second = (await figures())[1]
    expect(second).toMatchObject({ resolved: false, text: '$3,000', description: 'unverified: not linked to data' })
    expect(!second?.resolved && second?.problem).toBe(`series ${IMPORTS} has no value for 2021-02`)
  })
})

/*
 * A story's query fetches of each series only the observations its figures and charts read (the
 * cited period, the period a change is compared with, a chart's window), not the whole series.
 * Every figure and chart must read exactly as it would from the whole series.
 */
const MONTHLY = 'tradeSeries.test-cited-monthly'
const ANNUAL = 'tradeSeries.test-cited-annual'
const CITED_SLUG = 'test-cited-observations'
const PUBLISHED_AT = '2022-03-01T00:00:00.000Z'

const months = (from: number, to: number) =>
  Array.from({ length: (to - from + 1) * 12 }, (_, i) => `${from + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`)

const observation = (period: string, i: number) => ({
  _type: 'tradeObservation',
  _key: period,
  period,
  primaryValue: 1_000_000 + i * 125_000,
  status: i % 5 === 0 ? 'revised' : 'final',
  releasedAt: i % 5 === 0 ? '2022-04-01T00:00:00.000Z' : '2021-01-01T00:00:00.000Z',
  // Some were revised after the story: their value at publication comes from the history.
  ...(i % 5 === 0
    ? {
        history: [
          {
            _type: 'observationRelease',
            _key: 'first',
            primaryValue: 900_000 + i,
            status: 'provisional',
            releasedAt: '2020-01-01T00:00:00.000Z',
          },
        ],
      }
    : {}),
})

const series = (id: string, periods: string[]) => ({
  _id: id,
  _type: 'tradeSeries',
  title: `Test series ${id}`,
  slug: { _type: 'slug', current: id.replace('tradeSeries.', '') },
  source: { agency: 'Test agency', dataset: 'Test dataset', url: 'https://example.invalid', wording: 'test customs data' },
  freqCode: id === ANNUAL ? 'A' : 'M',
  // Stored out of period order, with one period twice, as legacy data might be.
  observations: [...periods.map(observation).reverse(), { ...observation('2021-03', 99), _key: 'duplicate' }],
})

type Fact = { series: string; period: string; show?: string; comparePeriod?: string }
const FACTS: Fact[] = [
  { series: MONTHLY, period: '2021-03' },
  { series: MONTHLY, period: '2021-03', show: 'value' },
  { series: MONTHLY, period: '2021-03', show: 'change' },
  { series: MONTHLY, period: '2021-01', show: 'change' },
  { series: MONTHLY, period: '2020-12', show: 'change' },
  { series: MONTHLY, period: '2021-03', show: 'change', comparePeriod: '2020-03' },
  { series: MONTHLY, period: '2021-03', show: 'change', comparePeriod: '' },
  { series: MONTHLY, period: '2021-03', show: 'change', comparePeriod: '2015-01' },
  { series: MONTHLY, period: '2020-01', show: 'change' },
  { series: MONTHLY, period: '2023-05' },
  { series: MONTHLY, period: '2021-13', show: 'change' },
  { series: MONTHLY, period: '2021-03', show: 'highestSince', comparePeriod: '2020-06' },
  { series: MONTHLY, period: '2021-03', show: 'highestSince', comparePeriod: '2021-01' },
  { series: MONTHLY, period: '2021-03', show: 'highestSince' },
  { series: ANNUAL, period: '2021', show: 'change' },
  { series: ANNUAL, period: '2019', show: 'change' },
  { series: ANNUAL, period: '2021', show: 'change', comparePeriod: '2019' },
  { series: 'tradeSeries.missing', period: '2021-03' },
]
const CHARTS = [{ fromPeriod: '2020-06', toPeriod: '2020-12' }, {}, { fromPeriod: '2021-06' }, { toPeriod: '2020-02' }, { fromPeriod: '' }]

const article = {
  _id: 'article.test-cited-observations',
  _type: 'article',
  headline: 'Cited observations',
  slug: { _type: 'slug', current: CITED_SLUG },
  publishedAt: PUBLISHED_AT,
  body: [
    {
      _type: 'block',
      _key: 'p1',
      style: 'normal',
      markDefs: [],
      children: FACTS.map(({ series: ref, ...fact }, i) => ({
        _type: 'tradeFact',
        _key: `f${i}`,
        series: { _type: 'reference', _ref: ref, _weak: true },
        fallbackText: `typed ${i}`,
        ...fact,
      })),
    },
    ...CHARTS.map((window, i) => ({ _type: 'dataChart', _key: `c${i}`, series: { _type: 'reference', _ref: MONTHLY }, ...window })),
  ],
}

describe('a story’s query fetches only the observations its figures and charts read', () => {
  let testLake: TestLake
  let whole: Map<string, SeriesForFacts>

  beforeAll(async () => {
    testLake = await startTestLake({ seeded: false })
    await testLake.client
      .transaction()
      .create(series(MONTHLY, months(2020, 2021)))
      .create(series(ANNUAL, ['2018', '2019', '2020', '2021']))
      .create(article)
      .commit()
    const stored = await testLake.client.fetch<SeriesForFacts[]>(
      `*[_type == "tradeSeries"]{ _id, title, "slug": slug.current, source, observations }`,
    )
    whole = new Map(stored.map((s) => [s._id, s]))
  })
  afterAll(() => testLake?.stop())

  /** The same facts with the whole series in place of what the query fetched. */
  const withWholeSeries = (facts: TradeFactInput[]) =>
    facts.map((fact) => ({ ...fact, series: fact.series && { ...fact.series, ...whole.get(fact.series._id) } }))

  const storyFromQuery = async (query: 'page' | 'feed') => {
    const story =
      query === 'page'
        ? await testLake.client.fetch(ARTICLE_QUERY, { slug: CITED_SLUG })
        : (await testLake.client.fetch(SITE_FEED_QUERY)).find((item) => item.slug === CITED_SLUG)
    if (!story) throw new Error(`The ${query} query did not find the story`)
    return story
  }

  it.each(['page', 'feed'] as const)('every figure reads as from the whole series (%s query)', async (query) => {
    const story = await storyFromQuery(query)
    const facts = tradeFactsIn(story.body)
    expect(facts).toHaveLength(FACTS.length)
    const fromQuery = facts.map((fact) => presentTradeFact(fact, story.publishedAt))
    const fromWhole = withWholeSeries(facts).map((fact) => presentTradeFact(fact, story.publishedAt))
    expect(fromQuery).toEqual(fromWhole)
    // The cases cover what they mean to: resolved changes against months, a January, a year, and failures.
    expect(fromQuery.filter((f) => f.resolved).map((f) => f.text)).toEqual([
      '$2.75 million',
      '$2.75 million',
      'up 4.8 percent',
      'up 5.3 percent',
      'up 5.6 percent',
      'up 120 percent',
      'up 4.8 percent',
      'the highest level since June 2020',
      'the highest level since January 2021',
      'up 10 percent',
      'up 12.5 percent',
      'up 22.2 percent',
    ])
    expect(fromQuery.some((f) => f.resolved && f.revision)).toBe(true)
  })

  it('fetches one observation for a value, and only the periods compared for a change', async () => {
    const facts = tradeFactsIn((await storyFromQuery('page')).body)
    const periods = facts.map((fact) => fact.series?.observations?.map((o) => o.period) ?? [])
    expect(periods[0]).toEqual(['2021-03', '2021-03'])
    expect(periods[2]).toEqual(['2021-03', '2021-02', '2021-03'])
    expect(periods[3]).toEqual(['2021-01', '2020-12'])
    expect(periods[5]).toEqual(['2021-03', '2021-02', '2020-03', '2021-03'])
    expect(periods[14]).toEqual(['2021', '2020'])
    // A claim fetches its window, from the period named to its own, and nothing else.
    const window = (i: number) => [...new Set(periods[i])].sort()
    expect(window(11)).toEqual(months(2020, 2021).filter((m) => m >= '2020-06' && m <= '2021-03'))
    expect(window(12)).toEqual(['2021-01', '2021-02', '2021-03'])
    expect(window(13)).toEqual(['2021-03'])
  })

  it.each(['page', 'feed'] as const)('every chart shows what it would from the whole series (%s query)', async (query) => {
    const charts = ((await storyFromQuery(query)).body ?? []).flatMap((block) => (block._type === 'dataChart' ? [block] : []))
    expect(charts).toHaveLength(CHARTS.length)
    const all = whole.get(MONTHLY)?.observations ?? []
    for (const chart of charts) {
      const fetched = chart.series?.observations ?? []
      expect(observationsInWindow(fetched, chart.fromPeriod, chart.toPeriod)).toEqual(
        observationsInWindow(all, chart.fromPeriod, chart.toPeriod),
      )
      expect(chartPoints(fetched, chart.fromPeriod, chart.toPeriod)).toEqual(chartPoints(all, chart.fromPeriod, chart.toPeriod))
    }
    expect(charts[0]?.series?.observations).toHaveLength(7)
  })
})
