import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTICLE_QUERY, HOME_QUERY, SERIES_QUERY } from '@/lib/content/queries'
import { storySummary } from '@/lib/feeds/summary'
import { resolveTradeFact } from '@/lib/figures/resolveTradeFact'
import { parseCitedTable } from '@/lib/tradeImport/citedRows'
import { SEED_DIR, startTestLake, type TestLake } from '../harness/lake'
import { REFERENCE_FIGURE_TEXTS } from '../harness/referenceStory'

/** The app's own client and queries against a lake seeded from the committed dataset export. */
describe('seed content through the app queries', () => {
  let testLake: TestLake
  const client = () => testLake.client

  beforeAll(async () => {
    testLake = await startTestLake()
  })
  afterAll(() => testLake?.stop())

  it('publishes the reference story with its byline, image credit, five bound figures and its claim', async () => {
    const article = await client().fetch(ARTICLE_QUERY, { slug: 'nk-imports-from-china-spike-in-march' })
    expect(article?.headline).toBe('NK imports from China spike in March')
    expect(article?.section?.title).toBe('North Korea')
    expect(article?.authors?.map((a) => a.author)).toEqual([{ name: 'Ahn Sung-mi', slug: 'ahn-sung-mi', email: 'sahn@heraldcorp.com' }])
    expect(article?.mainImage).toMatchObject({ caption: 'North Korean flag', credit: 'AFP-Yonhap' })
    expect(article?.mainImage?.asset?.metadata?.dimensions).toMatchObject({ width: 1200, height: 600 })
    const facts = (article?.body ?? [])
      .flatMap((block) => (block._type === 'block' ? (block.children ?? []) : []))
      .filter((c) => c._type === 'tradeFact')
    const resolved = facts.map((fact) => resolveTradeFact(fact, article?.publishedAt))
    expect(resolved.map((r) => r.ok && r.text)).toEqual(REFERENCE_FIGURE_TEXTS)
    expect(facts.map((f) => f.fallbackText)).toEqual(resolved.map((r) => r.text))
    // The story's claim, checked against the real series through the window the query fetched.
    expect(resolved[2]).toMatchObject({ ok: true, claim: { verdict: 'supported', since: '2020-09', sinceValue: 18_882_000 } })
  })

  it('leads the home page with the reference story and labels every other story a sample', async () => {
    const { lead, latest } = await client().fetch(HOME_QUERY)
    expect(lead?.headline).toBe('NK imports from China spike in March')
    expect(lead?.mainImage?.alt).toBeTruthy()
    expect(latest.length).toBeGreaterThanOrEqual(6)
    for (const sample of latest) expect(sample.headline).toMatch(/^Sample: /)
    const articles = [...(lead ? [lead] : []), ...latest]
    expect(new Set(articles.map((a) => a.section?.slug)).size).toBeGreaterThanOrEqual(3)
    expect(new Set(articles.flatMap((a) => a.authors?.map((b) => b.author?.slug) ?? [])).size).toBeGreaterThanOrEqual(3)
  })

  it('gives the lead, which has no standfirst, its opening paragraph to stand in for one', async () => {
    const { lead } = await client().fetch(HOME_QUERY)
    expect(lead?.standfirst).toBeFalsy()
    expect(lead?.body).toHaveLength(1)
    expect(lead ? storySummary(lead) : undefined).toBe(
      'North Korea’s imports from China jumped in March amid growing speculation that Pyongyang may soon open its border and resume trade with its top ally, China.',
    )
  })

  it.each([
    ['north-korea-imports-from-china', 'X'],
    ['north-korea-exports-to-china', 'M'],
  ] as const)(
    'models the mirror statistics: %s is China-reported flow %s, every value as the data file cites it',
    async (slug, flowCode) => {
      const series = await client().fetch(SERIES_QUERY, { slug })
      expect(series).toMatchObject({
        reporter: { iso3: 'CHN', m49: 156 },
        partner: { iso3: 'PRK', m49: 408 },
        flowCode,
        cmdCode: 'TOTAL',
        freqCode: 'M',
        currency: 'USD',
      })
      expect(series?.source?.wording).toBe('Chinese customs data')
      const file = parseCitedTable('seed.csv', readFileSync(join(SEED_DIR, 'trade/china-dprk-monthly-trade-2020-2021.csv'), 'utf8'))
      const cited = file.rows.filter((r) => r.flowCode === flowCode)
      expect(series?.observations?.map((o) => [o.period, o.primaryValue, o.approximate, o.citation?.reportedBy, o.citation?.url])).toEqual(
        cited.map((r) => [r.period, r.primaryValue, r.cited?.approximate, r.cited?.reportedBy, r.cited?.url]),
      )
      // Months nobody reported stay missing: 22 of 24 months in each series.
      expect(series?.observations).toHaveLength(22)
      expect(series?.citedBy.map((a) => a.headline)).toContain('NK imports from China spike in March')
    },
  )
})
