import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ARTICLE_QUERY, SERIES_FOR_FACTS_QUERY } from '@/lib/content/queries'
import { presentTradeFact, tradeFactsIn } from '@/lib/figures/presentTradeFact'
import { recordFigures } from '@/lib/figures/publicationRecord'
import { resolveTradeFact } from '@/lib/figures/resolveTradeFact'
import { importTradeFile } from '@/lib/tradeImport/importTrade'
import { publishWithFigureRecord } from '../../sanity/actions/publishWithFigureRecord'
import { startTestLake, type TestLake } from '../harness/lake'
import { REFERENCE_FIGURE_TEXTS } from '../harness/referenceStory'

const SLUG = 'nk-imports-from-china-spike-in-march'
const IMPORTS = 'tradeSeries.chn-prk-x-total-m'
const MARCH = 'observations[_key=="2021-03"]'
/** What the reference story showed for March 2021 when it was published, and the release it came from. */
const PUBLISHED = { text: '$12.98 million', value: 12_978_000, releasedAt: '2021-04-18T00:00:00.000Z' }

const CSV_HEADER =
  'typeCode,freqCode,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,cmdCode,primaryValue'

/**
 * Every way a series can be written, each against the reference story: the story keeps stating
 * the value it was published with and the release it came from. On the embedded lake, and on a lake
 * that enforces nothing of ours (as Sanity's hosted lake), where only the story's record holds.
 */
describe.each([
  { lake: 'the embedded lake', keepReleases: true },
  { lake: 'a lake that enforces nothing of ours, as hosted Sanity', keepReleases: false },
])('a published value survives every write path on $lake', ({ keepReleases }) => {
  let testLake: TestLake
  const client = () => testLake.client

  beforeEach(async () => {
    testLake = await startTestLake({ keepReleases })
  })
  afterEach(() => testLake?.stop())

  const story = async () => {
    const article = await client().fetch(ARTICLE_QUERY, { slug: SLUG })
    if (!article) throw new Error('the reference story is missing')
    return article
  }
  /** The story's first figure (March 2021) as the page presents it, and as resolved with its value at publication. */
  const marchFigure = async () => {
    const article = await story()
    const [fact] = tradeFactsIn(article.body)
    if (!fact) throw new Error('the story has no figures')
    return { shown: presentTradeFact(fact, article.publishedAt), resolved: resolveTradeFact(fact, article.publishedAt) }
  }
  const expectPublishedBesideCurrent = async (current: string) => {
    const { shown, resolved } = await marchFigure()
    expect(shown).toMatchObject({
      resolved: true,
      text: current,
      valueAtPublication: PUBLISHED.value,
      revision: { publishedText: PUBLISHED.text },
    })
    expect(resolved.ok && resolved.atPublication).toEqual({
      primaryValue: PUBLISHED.value,
      status: 'provisional',
      releasedAt: PUBLISHED.releasedAt,
    })
  }
  const expectShownAsPublished = async () => {
    const { shown } = await marchFigure()
    expect(shown).toMatchObject({
      resolved: false,
      text: PUBLISHED.text,
      asPublished: { seriesId: IMPORTS, period: '2021-03', value: PUBLISHED.value, releasedAt: PUBLISHED.releasedAt },
    })
    expect(shown.description).toContain('no longer linked to live data')
  }
  const marchHistory = async () => {
    const series = await client().getDocument<{ observations: Array<{ period: string; history?: Array<{ primaryValue: number }> }> }>(
      IMPORTS,
    )
    return series?.observations.find((o) => o.period === '2021-03')?.history?.map((h) => h.primaryValue) ?? []
  }

  it('the Studio form: an editor changes the value in a draft and publishes, leaving the history alone', async () => {
    const ids = { draftId: `drafts.${IMPORTS}`, publishedId: IMPORTS }
    await client().action({ actionType: 'sanity.action.document.edit', ...ids, patch: { set: { [`${MARCH}.primaryValue`]: 13_500_000 } } })
    await client().action({ actionType: 'sanity.action.document.publish', ...ids })
    await expectPublishedBesideCurrent('$13.5 million')
    // The embedded lake also kept the replaced value as a release; a lake that enforces nothing does not.
    expect(await marchHistory()).toEqual(keepReleases ? [PUBLISHED.value] : [])
  })

  it('the importer: a revised release of the figures', async () => {
    const csv = [CSV_HEADER, `C,M,202103,156,CHN,China,X,408,PRK,Dem. People's Rep. of Korea,TOTAL,13500000`].join('\n')
    const result = await importTradeFile('may.csv', csv, { client: client(), releasedAt: '2021-05-20T02:00:00Z', dryRun: false })
    expect(result.problems).toEqual([])
    await expectPublishedBesideCurrent('$13.5 million')
  })

  it('a raw mutation through @sanity/client that replaces the value and wipes the history', async () => {
    await client()
      .patch(IMPORTS)
      .set({ [`${MARCH}.primaryValue`]: 14_000_000, [`${MARCH}.history`]: [] })
      .commit()
    await expectPublishedBesideCurrent('$14 million')
    expect(await marchHistory()).toEqual(keepReleases ? [PUBLISHED.value] : [])
  })

  it('a raw mutation that wipes the history of a value revised since publication', async () => {
    await client()
      .patch(IMPORTS)
      .set({
        [`${MARCH}.history`]: [
          {
            _type: 'observationRelease',
            _key: 'r1',
            primaryValue: PUBLISHED.value,
            status: 'provisional',
            releasedAt: PUBLISHED.releasedAt,
          },
        ],
        [`${MARCH}.primaryValue`]: 13_500_000,
        [`${MARCH}.releasedAt`]: '2021-05-20T02:00:00.000Z',
      })
      .commit()
    await client()
      .patch(IMPORTS)
      .set({ [`${MARCH}.history`]: [] })
      .commit()
    await expectPublishedBesideCurrent('$13.5 million')
    expect(await marchHistory()).toEqual(keepReleases ? [PUBLISHED.value] : [])
  })

  it('deleting the cited observation', async () => {
    await client().patch(IMPORTS).unset([MARCH]).commit()
    await expectShownAsPublished()
  })

  it('deleting the whole series', async () => {
    await client().delete(IMPORTS)
    await expectShownAsPublished()
    const article = await story()
    const figures = tradeFactsIn(article.body).map((fact) => presentTradeFact(fact, article.publishedAt))
    expect(figures.map((f) => [f.resolved, f.text])).toEqual([
      [false, '$12.98 million'],
      [false, '$3,000'],
      [false, 'the highest level since September 2020'],
      [false, '$18.9 million'],
      [true, '$1.3 million'],
      [true, '$1.75 million'],
    ])
  })
})

describe('the publish action records what each figure shows', () => {
  let testLake: TestLake
  // Drafts are read as the Studio reads them.
  const client = () => testLake.client.withConfig({ perspective: 'raw' })
  const ID = 'article.test-publish-record'
  const DRAFT = `drafts.${ID}`
  const fact = (key: string, period: string, fallbackText: string, extra: Record<string, string> = {}) => ({
    _type: 'tradeFact',
    _key: key,
    series: { _type: 'reference', _ref: IMPORTS },
    period,
    show: 'value',
    fallbackText,
    ...extra,
  })
  const draftWith = (children: unknown[]) => ({
    _id: DRAFT,
    _type: 'article',
    headline: 'Publish record',
    slug: { _type: 'slug', current: 'test-publish-record' },
    publishedAt: '2026-01-01T00:00:00.000Z',
    body: [{ _type: 'block', _key: 'p1', style: 'normal', markDefs: [], children }],
  })
  const publish = async (now: string) =>
    publishWithFigureRecord(client(), {
      publishedId: ID,
      draft: (await client().getDocument(DRAFT)) as never,
      published: (await client().getDocument(ID)) as never,
      now,
    })
  const figures = async () => {
    const article = await client().fetch(ARTICLE_QUERY, { slug: 'test-publish-record' })
    return tradeFactsIn(article?.body).map((f) => presentTradeFact(f, article?.publishedAt))
  }

  beforeEach(async () => {
    testLake = await startTestLake({ keepReleases: false })
  })
  afterEach(() => testLake?.stop())

  it('publishes with the record in one transaction, and republishing keeps the first publication’s values', async () => {
    await client().create(
      draftWith([fact('a', '2021-03', '$12.98 million'), fact('b', '2021-02', 'up', { show: 'change', comparePeriod: '2020-09' })]),
    )
    await publish('2026-02-01T00:00:00.000Z')
    const first = await client().getDocument(ID)
    expect(await client().getDocument(DRAFT)).toBeUndefined()
    expect(first?.publishedFigures).toEqual([
      expect.objectContaining({
        _key: 'a',
        text: '$12.98 million',
        readings: [expect.objectContaining({ period: '2021-03', primaryValue: PUBLISHED.value, releasedAt: PUBLISHED.releasedAt })],
        recordedAt: '2026-02-01T00:00:00.000Z',
      }),
      expect.objectContaining({
        _key: 'b',
        text: 'down 100 percent',
        readings: [expect.objectContaining({ period: '2021-02', primaryValue: 3_000 }), expect.objectContaining({ period: '2020-09' })],
      }),
    ])

    // The data is revised without history, the editor re-points figure b and adds figure c, and republishes.
    await client()
      .patch(IMPORTS)
      .set({ [`${MARCH}.primaryValue`]: 13_500_000 })
      .commit()
    await client().action({
      actionType: 'sanity.action.document.edit',
      draftId: DRAFT,
      publishedId: ID,
      patch: {
        set: {
          'body[_key=="p1"].children': [fact('a', '2021-03', '$12.98 million'), fact('b', '2021-02', '$3,000'), fact('c', '2021-03', 'x')],
        },
      },
    })
    await publish('2026-03-01T00:00:00.000Z')
    const republished = await client().getDocument<{ publishedFigures: Array<{ _key: string; text: string }> }>(ID)
    const records = new Map(republished?.publishedFigures.map((r) => [r._key, r]))
    expect(records.get('a')).toEqual(first?.publishedFigures[0])
    expect(records.get('b')).toMatchObject({ text: '$3,000', show: 'value', recordedAt: '2026-03-01T00:00:00.000Z' })
    expect(records.get('c')).toMatchObject({ text: '$13.5 million', recordedAt: '2026-03-01T00:00:00.000Z' })

    const [a, , c] = await figures()
    expect(a).toMatchObject({ text: '$13.5 million', revision: { publishedText: '$12.98 million' } })
    expect(c).toMatchObject({ text: '$13.5 million', revision: undefined })
  })

  it('publishes nothing when the draft changed after the record was made', async () => {
    await client().create(draftWith([fact('a', '2021-03', 'x')]))
    const draft = await client().getDocument(DRAFT)
    await client().patch(DRAFT).set({ headline: 'Changed meanwhile' }).commit()
    await expect(
      publishWithFigureRecord(client(), { publishedId: ID, draft: draft as never, published: null, now: '2026-02-01T00:00:00.000Z' }),
    ).rejects.toThrow(/revision/)
    expect(await client().getDocument(ID)).toBeUndefined()
  })
})

describe('the seed’s publication record', () => {
  it('is what the publish action would record from the seed’s series at the story’s publication (npm run seed:record)', async () => {
    const testLake = await startTestLake()
    try {
      const article = await testLake.client.fetch(`*[_id == "article.nk-imports-from-china-spike-in-march"][0]`)
      const facts = tradeFactsIn(article.body).map((f) => ({ ...f, seriesRef: (f.series as unknown as { _ref: string })._ref }))
      const series = new Map(
        (await testLake.client.fetch(SERIES_FOR_FACTS_QUERY, { ids: facts.map((f) => f.seriesRef) })).map((s) => [s._id, s] as const),
      )
      const expected = recordFigures(
        facts.map((f) => ({ ...f, series: series.get(f.seriesRef) })),
        { moment: article.publishedAt, recordedAt: article.publishedAt, existing: [] },
      )
      expect(article.publishedFigures).toEqual(expected)
      expect(expected.map((r) => r.text)).toEqual(REFERENCE_FIGURE_TEXTS)
    } finally {
      await testLake.stop()
    }
  })
})
