import { parseFeed } from '@rowanmanning/feed-parser'
import type { SanityClient } from '@sanity/client'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LISTING_PAGE_SIZE } from '@/lib/site/listingPages'
import { lakeClient } from '../harness/lake'
import { block, span } from '../harness/portableText'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const STORY = '/articles/nk-imports-from-china-spike-in-march'

// Sample content for this test: a topic with more stories than one page shows, each with a word no
// other story uses, dated long ago so that they reach no front page or feed that other tests read.
// One has the word in its headline and is the oldest; one in its standfirst; the rest in the body only.
const WORD = 'quokkas'
const STORIES = LISTING_PAGE_SIZE + 4
const TOPIC = { _id: 'tag.sample-quokkas', _type: 'tag', title: 'Sample quokkas', slug: { _type: 'slug', current: 'sample-quokkas' } }
const HEADLINE_MATCH = 'Sample: Quokkas on the freight manifests'
const STANDFIRST_MATCH = 'Sample: A note on island freight'
const story = (n: number) => ({
  _id: `article.sample-quokka-${n}`,
  _type: 'article',
  headline: n === 1 ? HEADLINE_MATCH : n === 2 ? STANDFIRST_MATCH : `Sample: Freight note ${n}`,
  standfirst: n === 2 ? 'Where the quokkas went, and the <b>rice</b> with them.' : 'A sample standfirst.',
  slug: { _type: 'slug', current: `sample-quokka-story-${n}` },
  publishedAt: new Date(Date.UTC(2002, 0, n)).toISOString(),
  tags: [{ _key: 't', _type: 'reference', _ref: TOPIC._id }],
  body: [block('p1', [span(`Sample paragraph ${n}: the freight listed quokkas <script>alert(1)</script> again.`, [], 's1')])],
})

const get = async (path: string) => {
  const response = await fetch(`${siteUrl}${path}`)
  return { response, body: await response.text() }
}

/** What a reader (and a screen reader) finds on a page: one h1, no heading level skipped. */
async function headingOutline(page: Page) {
  const levels = await page.locator('h1, h2, h3, h4, h5, h6').evaluateAll((hs) => hs.map((h) => Number(h.tagName.slice(1))))
  return { h1s: levels.filter((l) => l === 1).length, skips: levels.filter((l, i) => i > 0 && l > (levels[i - 1] as number) + 1) }
}

describe('a reader finds stories: search, topics, index pages and More on this', () => {
  let lake: SanityClient
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
    const transaction = lake.transaction().createOrReplace(TOPIC)
    for (let n = 1; n <= STORIES; n++) transaction.createOrReplace(story(n))
    await transaction.commit()
    browser = await launchChromium()
    // A reader without JavaScript: everything here must work as plain HTML.
    page = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
  })
  afterAll(async () => {
    await browser?.close()
    const transaction = lake.transaction()
    for (let n = 1; n <= STORIES; n++) transaction.delete(story(n)._id)
    await transaction.delete(TOPIC._id).commit()
  })

  it('searches from the header without JavaScript, the headline match first, the words marked', async () => {
    await page.goto(`${siteUrl}/`)
    await page.locator('.site-header').getByLabel('Search').fill(`  ${WORD.toUpperCase()} `)
    await page.locator('.site-header').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/\/search\?/)
    expect(new URL(page.url()).searchParams.get('q')).toBe(`  ${WORD.toUpperCase()} `)
    await expect(page.locator('h1').textContent()).resolves.toBe(`Search results for “${WORD}”`)
    const headlines = await page.locator('.search-results .card__headline').allTextContents()
    expect(headlines).toHaveLength(LISTING_PAGE_SIZE)
    // The oldest story, but the only one with the word in its headline; then the standfirst's.
    expect(headlines.slice(0, 2)).toEqual([HEADLINE_MATCH, STANDFIRST_MATCH])
    // Body-only matches follow, newest first.
    expect(headlines[2]).toBe(`Sample: Freight note ${STORIES}`)
    await expect(page.locator('.search-results li').first().locator('mark').allTextContents()).resolves.toContain('Quokkas')
    // Markup in a story's text is shown as text, never run or rendered.
    const standfirst = page.locator('.search-results li').nth(1).locator('.card__standfirst')
    await expect(standfirst.textContent()).resolves.toBe('Where the quokkas went, and the <b>rice</b> with them.')
    await expect(standfirst.locator('b').count()).resolves.toBe(0)
    await expect(page.locator('.search-results li').nth(2).locator('.search-result__snippet').textContent()).resolves.toContain(
      '<script>alert(1)</script>',
    )
  })

  it('pages through results: page 2 holds the rest, linked both ways', async () => {
    await page.getByRole('link', { name: 'More results' }).click()
    await page.waitForURL(/page=2/)
    const headlines = await page.locator('.search-results .card__headline').allTextContents()
    // The 22 body-only matches after the first two filled page 1; the last four are here, newest first.
    expect(headlines).toEqual(
      Array.from({ length: STORIES - LISTING_PAGE_SIZE }, (_, i) => `Sample: Freight note ${STORIES - LISTING_PAGE_SIZE + 2 - i}`),
    )
    await expect(page.getByRole('link', { name: 'Previous results' }).getAttribute('href')).resolves.toBe(`/search?q=${WORD}`)
    await expect(page.getByRole('link', { name: 'More results' }).count()).resolves.toBe(0)
  })

  it('is kept by no cache and indexed by no search engine; says so when nothing matches', async () => {
    const { response, body } = await get(`/search?q=${WORD}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(body).toMatch(/<meta name="robots" content="noindex, follow"\/>/)
    await page.goto(`${siteUrl}/search?q=zzyzxnothing`)
    await expect(page.locator('main').getByRole('status').textContent()).resolves.toBe(
      'No stories match “zzyzxnothing”. Try fewer or other words.',
    )
    await page.goto(`${siteUrl}/search`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Search')
    await expect(page.locator('main').getByLabel('Search').count()).resolves.toBe(1)
  })

  it('lists a topic a page at a time, with its RSS, Atom and JSON feeds', async () => {
    await page.goto(`${siteUrl}/tags/sample-quokkas`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Sample quokkas')
    await expect(page.locator('.article-list .card__headline').count()).resolves.toBe(LISTING_PAGE_SIZE)
    await expect(page.getByRole('link', { name: 'Older stories' }).getAttribute('href')).resolves.toBe('/tags/sample-quokkas/page/2')
    const second = await get('/tags/sample-quokkas/page/2')
    expect(second.response.status).toBe(200)
    expect((await get('/tags/sample-quokkas/page/3')).response.status).toBe(404)
    expect((await get('/tags/no-such-topic')).response.status).toBe(404)
    const links = await page
      .locator('link[rel="alternate"]')
      .evaluateAll((ls) => ls.map((l) => new URL(l.getAttribute('href') ?? '', location.href).pathname))
    expect(links).toEqual(
      expect.arrayContaining(['/tags/sample-quokkas/rss.xml', '/tags/sample-quokkas/atom.xml', '/tags/sample-quokkas/feed.json']),
    )
    const newestFirst = Array.from({ length: STORIES }, (_, i) => story(STORIES - i).headline)
    for (const file of ['rss.xml', 'atom.xml']) {
      const { response, body } = await get(`/tags/sample-quokkas/${file}`)
      expect(response.status).toBe(200)
      const feed = parseFeed(body)
      expect(feed.title).toBe('Factline: Sample quokkas')
      expect(feed.self).toBe(`${siteUrl}/tags/sample-quokkas/${file}`)
      expect(feed.items.map((item) => item.title)).toEqual(newestFirst)
    }
    // JSON Feed, which the feed parser does not read: its own fields.
    const { response, body } = await get('/tags/sample-quokkas/feed.json')
    expect(response.headers.get('content-type')).toMatch(/^application\/feed\+json/)
    const json = JSON.parse(body) as { version: string; title: string; feed_url: string; items: { title: string }[] }
    expect(json).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Factline: Sample quokkas',
      feed_url: `${siteUrl}/tags/sample-quokkas/feed.json`,
    })
    expect(json.items.map((item) => item.title)).toEqual(newestFirst)
    expect((await get('/tags/no-such-topic/rss.xml')).response.status).toBe(404)
  })

  it('links a story’s topics and shows More on this: other stories, newest first, at most five', async () => {
    await page.goto(`${siteUrl}${STORY}`)
    const topics = page.getByRole('navigation', { name: 'Topics' }).getByRole('link')
    await expect(topics.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]))).resolves.toEqual([
      ['Trade', '/tags/trade'],
      ['China', '/tags/china'],
    ])
    const more = page.getByRole('region', { name: 'More on this' })
    const headlines = await more.locator('.card__headline').allTextContents()
    expect(headlines.length).toBeGreaterThan(0)
    expect(headlines.length).toBeLessThanOrEqual(5)
    expect(headlines).not.toContain('NK imports from China spike in March')
    expect(headlines[0]).toBe('Sample: How Factline links each figure to its data')
    const dates = await more.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime') ?? ''))
    expect(dates).toEqual([...dates].sort().reverse())
  })

  it('has index pages of sections, authors and data, each series with its latest value and a chart with a text equivalent', async () => {
    await page.goto(`${siteUrl}/sections`)
    await expect(page.locator('main h2').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['North Korea', 'Economy', 'Data Desk']),
    )
    await page.goto(`${siteUrl}/authors`)
    await expect(page.locator('main h2').allTextContents()).resolves.toContain('Ahn Sung-mi')
    await page.goto(`${siteUrl}/data`)
    const imports = page.locator('.series-index li', { hasText: "North Korea's imports from China" })
    await expect(imports.locator('.index-list__meta').textContent()).resolves.toMatch(
      /^Latest: \$[\d.,]+( million| billion)? in \w+ \d{4} · monthly/,
    )
    await expect(imports.getByRole('img').getAttribute('aria-label')).resolves.toMatch(
      /^North Korea's imports from China, \w+ \d{4} to \w+ \d{4}: lowest \$.+ \(\w+ \d{4}\), highest \$.+ \(\w+ \d{4}\)\.$/,
    )
    // The seed's two series fit on one page: no link to a second, which is not found.
    await expect(page.getByRole('navigation', { name: 'More series' }).count()).resolves.toBe(0)
    expect((await get('/data/page/2')).response.status).toBe(404)
    expect((await get('/data/page/02')).response.status).toBe(404)
  })

  it.each(['/', '/search?q=china', '/tags/china', '/sections/north-korea', '/sections', '/authors', '/data', STORY])(
    '%s has one h1, no heading level skipped, and a labelled search box',
    async (path) => {
      await page.goto(`${siteUrl}${path}`)
      const outline = await headingOutline(page)
      expect(outline).toEqual({ h1s: 1, skips: [] })
      await expect(page.getByRole('search').first().getByRole('searchbox', { name: 'Search' }).count()).resolves.toBe(1)
    },
  )

  it('lists topics and index pages in the sitemap', async () => {
    const sections = (await get('/sitemaps/sections-1.xml')).body
    for (const path of ['/sections', '/authors', '/data']) expect(sections).toContain(`<loc>${siteUrl}${path}</loc>`)
    expect((await get('/sitemap.xml')).body).toContain(`${siteUrl}/sitemaps/tags-1.xml`)
    expect((await get('/sitemaps/tags-1.xml')).body).toContain(`<loc>${siteUrl}/tags/china</loc>`)
  })
})
