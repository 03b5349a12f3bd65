import { parseFeed } from '@rowanmanning/feed-parser'
import type { SanityClient } from '@sanity/client'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { publishWithFigureRecord } from '../../sanity/actions/publishWithFigureRecord'
import { lakeClient } from '../harness/lake'
import { block, ref, span } from '../harness/portableText'
import { waitForText } from '../harness/revision'

const siteUrl = inject('siteUrl')
// Sample content for this test, dated long ago, in its own section so that no other test reads it.
const SERIES = 'tradeSeries.sample-dating'
const ID = 'article.sample-dating'
const SECTION = {
  _id: 'section.sample-dating',
  _type: 'section',
  title: 'Sample dating',
  slug: { _type: 'slug', current: 'sample-dating' },
}
const PATH = '/articles/sample-dating'
const URL = `${siteUrl}${PATH}`
const PUBLISHED_AT = '2020-03-01T00:00:00.000Z'
const REVISED_AT = '2020-06-01T00:00:00.000Z'
const CORRECTED_AT = '2020-07-01T00:00:00.000Z'
const CORRECTION = 'An earlier version of this sample story gave the wrong month.'

const series = {
  _id: SERIES,
  _type: 'tradeSeries',
  title: 'Sample dating series',
  slug: { _type: 'slug', current: 'sample-dating-series' },
  source: { agency: 'Sample agency', wording: 'sample data' },
  freqCode: 'M',
  observations: [
    {
      _type: 'tradeObservation',
      _key: '2020-01',
      period: '2020-01',
      primaryValue: 5_000_000,
      status: 'provisional',
      releasedAt: '2020-02-01T00:00:00.000Z',
    },
  ],
}
const draft = {
  _id: `drafts.${ID}`,
  _type: 'article',
  headline: 'Sample: a story that is revised and corrected',
  slug: { _type: 'slug', current: 'sample-dating' },
  section: { _type: 'reference', _ref: SECTION._id },
  authors: [{ _key: 'a', _type: 'byline', author: { _type: 'reference', _ref: 'author.sample-lee-jun-seo' } }],
  publishedAt: PUBLISHED_AT,
  body: [
    block('p1', [
      span('January’s sample figure was ', [], 's1'),
      { _type: 'tradeFact', _key: 'f1', series: ref(SERIES), period: '2020-01', show: 'value', fallbackText: '$5 million' },
      span('.', [], 's2'),
    ]),
  ],
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'url'].includes(name) })
const text = async (path: string) => (await fetch(`${siteUrl}${path}`)).text()
const jsonLdOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'null')
const jsonItem = async (path: string) =>
  (JSON.parse(await text(path)) as { items: Array<Record<string, unknown>> }).items.find((item) => item.url === URL)
const atomEntry = async () => xml.parse(await text('/feeds/atom.xml')).feed.entry.find((e: { id: string }) => e.id === URL)
const rssItem = async () => xml.parse(await text('/feeds/rss.xml')).rss.channel.item.find((i: { link: string }) => i.link === URL)
async function sitemapLastmod(): Promise<string | undefined> {
  const index = xml.parse(await text('/sitemap.xml')).sitemapindex.sitemap as Array<{ loc: string }>
  for (const { loc } of index.filter((s) => s.loc.includes('/sitemaps/stories-'))) {
    const found = (xml.parse(await text(loc.slice(siteUrl.length))).urlset.url as Array<{ loc: string; lastmod?: string }>).find(
      (u) => u.loc === URL,
    )
    if (found) return found.lastmod
  }
  return undefined
}

describe('revisions and corrections are dated and visible', () => {
  let lake: SanityClient

  beforeAll(async () => {
    lake = lakeClient(inject('lakeUrl'), inject('lakeToken')).withConfig({ perspective: 'raw' })
    await lake.transaction().createOrReplace(SECTION).createOrReplace(series).createOrReplace(draft).commit()
    // Published as the Studio publishes: with its record of what the figure showed.
    await publishWithFigureRecord(lake, { publishedId: ID, draft: draft as never, published: null, now: '2020-03-01T00:00:00.000Z' })
    await waitForText(URL, '$5 million', 10_000)
  })
  afterAll(async () => {
    await lake.transaction().delete(ID).delete(SERIES).delete(SECTION._id).commit()
  })

  it('a data revision that changes a figure’s text moves the story’s dates, never its id or URL', async () => {
    const before = { json: await jsonItem('/feeds/feed.json'), atom: await atomEntry(), rss: await rssItem() }
    expect(before.json).toMatchObject({ id: URL, date_published: PUBLISHED_AT, date_modified: PUBLISHED_AT })

    // A careless raw edit: the value and its release replaced, no history kept.
    await lakeClient(inject('lakeUrl'), inject('lakeToken'))
      .patch(SERIES)
      .set({ 'observations[_key=="2020-01"].primaryValue': 6_000_000, 'observations[_key=="2020-01"].releasedAt': REVISED_AT })
      .commit()
    await waitForText(URL, '$6 million', 10_000)

    const page = await text(PATH)
    expect(page).toContain(`Updated : <time dateTime="${REVISED_AT}">`)
    expect(page).toContain('$5 million when published on March 1, 2020')
    expect(jsonLdOf(page)).toMatchObject({ datePublished: PUBLISHED_AT, dateModified: REVISED_AT })
    expect(await jsonItem('/feeds/feed.json')).toMatchObject({ id: URL, url: URL, date_modified: REVISED_AT })
    expect(await atomEntry()).toMatchObject({ id: URL, updated: REVISED_AT, published: PUBLISHED_AT })
    expect((await rssItem()).guid).toEqual(before.rss.guid)
    expect(await sitemapLastmod()).toBe(REVISED_AT)
  })

  it('a correction is on the story, in its JSON-LD and feeds, and on the corrections page and its feeds', async () => {
    await lake
      .patch(ID)
      .set({ corrections: [{ _type: 'correction', _key: 'c1', kind: 'correction', text: CORRECTION, date: CORRECTED_AT }] })
      .commit()
    await waitForText(URL, CORRECTION, 10_000)

    const page = await text(PATH)
    expect(page).toMatch(/<aside class="corrections"[^>]*>[\s\S]*<strong>Correction<\/strong>, <time dateTime="2020-07-01T00:00:00.000Z">/)
    expect(page).toContain(`Updated : <time dateTime="${CORRECTED_AT}">`)
    expect(jsonLdOf(page)).toMatchObject({
      dateModified: CORRECTED_AT,
      correction: [{ '@type': 'CorrectionComment', name: 'Correction', text: CORRECTION, datePublished: CORRECTED_AT }],
    })
    expect(await jsonItem('/feeds/feed.json')).toMatchObject({
      id: URL,
      date_modified: CORRECTED_AT,
      _corrections: [{ kind: 'correction', text: CORRECTION, date: CORRECTED_AT }],
    })
    expect((await atomEntry()).content['#text']).toContain(CORRECTION)

    await waitForText(`${siteUrl}/corrections`, CORRECTION, 10_000)
    const listing = await text('/corrections')
    expect(listing).toContain(`href="${PATH}#correction-c1"`)
    for (const feed of ['/corrections/rss.xml', '/corrections/atom.xml', '/corrections/feed.json']) {
      const response = await fetch(`${siteUrl}${feed}`)
      expect(response.status).toBe(200)
      expect(Date.parse(response.headers.get('last-modified') ?? '')).not.toBeNaN()
      const body = await response.text()
      const items = feed.endsWith('.json') ? JSON.parse(body).items : parseFeed(body).items
      const item = items.find((i: { id: string }) => i.id === `${URL}#correction-c1`)
      expect(item, feed).toBeDefined()
      expect(JSON.stringify(item)).toContain(CORRECTION)
    }
  })

  it('a feed’s Last-Modified never goes backwards when a story is deleted', async () => {
    const feed = '/sections/sample-dating/feed.json'
    const before = await fetch(`${siteUrl}${feed}`)
    const lastModified = before.headers.get('last-modified') ?? ''
    expect((await before.json()).items.map((i: { url: string }) => i.url)).toEqual([URL])

    // HTTP dates count whole seconds: the deletion comes in a later second than the copy the client holds.
    await new Promise((r) => setTimeout(r, 1_100))
    await lake.delete(ID)
    const deadline = Date.now() + 10_000
    let after = await fetch(`${siteUrl}${feed}`)
    while ((await after.clone().json()).items.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100))
      after = await fetch(`${siteUrl}${feed}`)
    }
    expect((await after.json()).items).toEqual([])
    expect(Date.parse(after.headers.get('last-modified') ?? '')).toBeGreaterThan(Date.parse(lastModified))
    // A client holding the feed from before the deletion gets the new one, not a 304.
    const conditional = await fetch(`${siteUrl}${feed}`, { headers: { 'if-modified-since': lastModified } })
    expect(conditional.status).toBe(200)
  })
})
