import { readFile } from 'node:fs/promises'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import Papa from 'papaparse'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { BODY_CUT_NOTICE } from '@/lib/content/boundBody'
import { SUMMARY_MAX_CHARACTERS } from '@/lib/feeds/summary'
import { lakeClient } from '../harness/lake'
import { launchChromium } from './browser'
import {
  FORMULA_CELLS,
  HOSTILE_ARTICLES,
  HOSTILE_PATHS,
  HOSTILE_SUPPORT,
  MARKUP_STANDFIRST,
  NON_ASCII_SERIES_SLUG,
  NON_ASCII_SLUG,
} from './hostileCorpus'

const siteUrl = inject('siteUrl')
const slugs = HOSTILE_ARTICLES.map((a) => a.slug.current)
const get = (path: string) => fetch(`${siteUrl}${path}`)
const metaContent = (html: string, attribute: string, name: string) =>
  html.match(new RegExp(`<meta ${attribute}="${name}" content="([^"]*)"`))?.[1]
const decodeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '')

describe('hostile and broken content', () => {
  let browser: Browser
  const lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))

  beforeAll(async () => {
    const transaction = lake.transaction()
    const documents: Array<{ _id: string; _type: string }> = [...HOSTILE_SUPPORT, ...HOSTILE_ARTICLES]
    for (const doc of documents) transaction.createOrReplace(doc)
    await transaction.commit()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    const transaction = lake.transaction()
    for (const doc of [...HOSTILE_ARTICLES, ...HOSTILE_SUPPORT]) transaction.delete(doc._id)
    await transaction.commit()
  })

  it.each(slugs)('renders /articles/%s with status 200, no script run and no unsafe URL', async (slug) => {
    const page = await browser.newPage()
    const dialogs: string[] = []
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message())
      await dialog.dismiss()
    })
    const response = await page.goto(`${siteUrl}/articles/${slug}`)
    expect(response?.status()).toBe(200)
    await expect(page.locator('h1').count()).resolves.toBe(1)
    const urls = await page
      .locator('[href], [src]')
      .evaluateAll((elements) =>
        elements.flatMap((el) => [el.getAttribute('href'), el.getAttribute('src')]).filter((u): u is string => u !== null),
      )
    for (const url of urls) expect(url).not.toMatch(/^\s*(javascript|data|vbscript):|^\s*\/\//i)
    expect(dialogs).toEqual([])
    await page.close()
  })

  it.each([...HOSTILE_PATHS.filter((path) => !path.startsWith('/articles/')), '/data/north-korea-imports-from-china'])(
    'still serves %s, well formed, with the hostile stories in the archive',
    async (path) => {
      const response = await get(path)
      expect(response.status).toBe(200)
      const text = await response.text()
      if (path.endsWith('/feed.json')) {
        const items: Array<{ content_html?: string }> = JSON.parse(text).items
        for (const item of items) expect(item.content_html ?? '').not.toMatch(/<script[\s>]/i)
      } else if (path.endsWith('.xml')) {
        expect(XMLValidator.validate(text)).toBe(true)
        expect(text).not.toMatch(/<script[\s>]/i)
      }
    },
  )

  it('keeps serving the rest of the site while the heaviest stories are published again and render', async () => {
    const heavy = HOSTILE_ARTICLES.filter((a) =>
      ['deep-list-level', 'nested-marks', 'many-spans', 'huge-body', 'huge-standfirst'].includes(a.slug.current),
    )
    const transaction = lake.transaction()
    for (const doc of heavy) transaction.createOrReplace({ ...doc, updatedAt: new Date().toISOString() })
    await transaction.commit()
    const paths = [...heavy.map((a) => `/articles/${a.slug.current}`), '/', '/feeds/rss.xml', '/feeds/feed.json']
    const statuses = await Promise.all(paths.map(async (path) => (await get(path)).status))
    expect(statuses).toEqual(paths.map(() => 200))
  })

  it('renders a list item a million levels deep, and the paragraph after it', async () => {
    const html = await (await get('/articles/deep-list-level')).text()
    expect(html).toContain('A heading-styled list item, level 100,000.')
    expect(html).toContain('A plain list item, level 1,000,000.')
    expect(html).toContain('The paragraph after the list.')
  })

  it('renders a span with 20,000 marks as its text', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/nested-marks`)
    await expect(page.locator('.article-body').textContent()).resolves.toBe('Marked text.')
    await page.close()
  })

  it('keeps all the text of a paragraph of 10,000 spans', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/many-spans`)
    const text = await page.locator('.article-body p').textContent()
    expect(text).toBe(`${'0123456789'.repeat(1_000).slice(0, 9_999)}END`)
    await page.close()
  })

  it('keeps the paragraphs of a body with null, numbers and strings in it', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/nulls-in-body`)
    await expect(page.locator('.article-body p').allTextContents()).resolves.toEqual(['Kept paragraph.12345'])
    await page.close()
  })

  it('shows a headline that is a number as its digits, and one of another type as none', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/headline-number`)
    await expect(page.locator('h1').textContent()).resolves.toBe('2021')
    await expect(page.locator('.standfirst').count()).resolves.toBe(0)
    await page.goto(`${siteUrl}/articles/headline-object`)
    await expect(page.locator('h1').textContent()).resolves.toBe('')
    await expect(page.locator('.standfirst').textContent()).resolves.toBe('404')
    await page.close()
  })

  it('lists a story whose tags are missing or drafts, without those tags', async () => {
    const feed: { items: Array<{ url: string; tags?: string[] }> } = await (await get('/feeds/feed.json')).json()
    const item = feed.items.find((i) => i.url.endsWith('/articles/bad-tags'))
    expect(item?.tags).toEqual(['Data Desk'])
  })

  it('shows figures whose change cannot be stated as typed text, unverified, and negative zero as $0', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/extreme-values`)
    const unverified = await page.locator('.figure--unverified').allTextContents()
    expect(unverified.map((text) => text.split(' (')[0])).toEqual(['overflowed', 'infinite percent'])
    await expect(page.locator('a.figure').allTextContents()).resolves.toEqual(['$0'])
    await page.close()
  })

  it.each([
    ['huge-body', 'a one-megabyte body'],
    ['huge-standfirst', 'a half-megabyte standfirst'],
  ])('does not repeat %s (%s) in its meta tags, cards and JSON-LD', async (slug) => {
    const html = await (await get(`/articles/${slug}`)).text()
    for (const [attribute, name] of [
      ['name', 'description'],
      ['property', 'og:description'],
      ['name', 'twitter:description'],
    ] as const) {
      const description = decodeHtml(metaContent(html, attribute, name) ?? '')
      expect(description.length).toBeGreaterThan(0)
      expect(description.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS)
    }
    const jsonLd = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)?.[1] ?? '{}')
    expect(jsonLd.description.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS)
    // The page (HTML and its RSC payload) stays a fraction of the stored megabyte.
    expect(html.length).toBeLessThan(400_000)
  })

  it('cuts a one-megabyte body with a notice to readers', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/huge-body`)
    await expect(page.locator('.article-body p').last().textContent()).resolves.toBe(BODY_CUT_NOTICE)
    await page.close()
  })

  it('shows markup in a standfirst as text on the page and as escaped text in the RSS description', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/markup-in-standfirst`)
    await expect(page.locator('.standfirst').textContent()).resolves.toBe(MARKUP_STANDFIRST)
    await page.close()
    // htmlEntities: true decodes the feed's hexadecimal references too, in one pass.
    const rss = new XMLParser({ processEntities: true, htmlEntities: true }).parse(await (await get('/feeds/rss.xml')).text())
    const items: Array<{ link: string; description?: string }> = rss.rss.channel.item
    const description = items.find((i) => i.link.endsWith('/articles/markup-in-standfirst'))?.description ?? ''
    // XML-decoded once, the description is HTML whose text is the standfirst: no element of its own.
    expect(description).not.toMatch(/<[a-z/!]/i)
    expect(decodeHtml(description)).toBe(MARKUP_STANDFIRST)
  })

  it('resolves a story with a Korean slug wherever it is linked: home, feeds and sitemaps', async () => {
    const encoded = encodeURIComponent(NON_ASCII_SLUG)
    const home = await (await get('/')).text()
    expect(home).toContain(`href="/articles/${NON_ASCII_SLUG}"`)
    const feed: { items: Array<{ url: string }> } = await (await get('/feeds/feed.json')).json()
    expect(feed.items.map((item) => item.url)).toContain(`${siteUrl}/articles/${encoded}`)
    // Every page of stories the sitemap index lists: which one holds the story depends on the archive.
    const index = await (await get('/sitemap.xml')).text()
    const storyPages = [...index.matchAll(/<loc>([^<]*\/sitemaps\/stories-\d+\.xml)<\/loc>/g)].map((m) => m[1] as string)
    expect(storyPages.length).toBeGreaterThan(0)
    const sitemaps = await Promise.all(storyPages.map(async (url) => (await fetch(url)).text()))
    const loc = sitemaps.join('').match(new RegExp(`<loc>([^<]*/articles/${encoded})</loc>`))?.[1]
    expect(loc).toBeDefined()
    const response = await fetch(loc as string)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Test content: a story with a Korean slug')
  })

  it('downloads the data of a series with a Korean slug, named in UTF-8', async () => {
    const response = await get(`/data/${encodeURIComponent(NON_ASCII_SERIES_SLUG)}/observations.csv`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(NON_ASCII_SERIES_SLUG)}.csv`)
  })

  it('neutralises formulas in a series download and keeps negative numbers numeric', async () => {
    const csv = await (await get('/data/hostile-formulae/observations.csv')).text()
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data
    const [first] = rows
    expect([first?.currency, first?.cmdCode, first?.reporterISO, first?.partnerISO]).toEqual(FORMULA_CELLS.map((cell) => `'${cell}`))
    expect(rows.find((row) => row.period === '2021-06')?.primaryValue).toBe('-3000')
  })

  it("drops a data page's unsafe source link", async () => {
    const html = await (await get('/data/hostile-extreme')).text()
    expect(html).toContain('Test agency')
    expect(html).not.toMatch(/href="\s*javascript:/i)
  })

  it('keeps markup in text as text', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/markup-in-text`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Test content: <script>alert("headline")</script> & <b>bold</b>')
    await expect(page.locator('.article-body p').first().textContent()).resolves.toBe(
      '<img src=x onerror=alert(1)> <script>alert("body")</script> ]]> &amp;',
    )
    await expect(page.locator('.article-body p').nth(1).textContent()).resolves.toBe('مرحبا بالعالم — שלום עולם — 🇰🇵📈🚢')
    await page.close()
  })

  it('keeps the text of unsafe links and drops only the link', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/unsafe-links`)
    await expect(page.locator('.article-body p').textContent()).resolves.toBe('javascript link data link protocol-relative fine link')
    await expect(page.locator('.article-body a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).resolves.toEqual([
      'https://example.com/ok',
    ])
    await page.close()
  })

  it("shows a deleted series' figure as the typed text, unverified", async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/articles/dangling-figure`)
    await expect(page.locator('.figure--unverified').textContent()).resolves.toBe('$1 million (unverified: not linked to data)')
    await expect(page.locator('.figure--unverified a').count()).resolves.toBe(0)
    await page.close()
  })

  it('logs each problem once, naming the document and the block', async () => {
    // Render the broken articles again: a problem already logged is not logged twice.
    for (const slug of ['unknown-types', 'dangling-figure']) await fetch(`${siteUrl}/articles/${slug}`)
    const log = (await readFile(inject('serverLog'), 'utf8')).split('\n')
    const problems = log.filter((line) => line.startsWith('[content] ')).map((line) => JSON.parse(line.slice('[content] '.length)))
    expect(problems).toContainEqual({
      documentId: 'hostile.unknown-types',
      blockKey: 'b-mystery',
      message: 'unknown block type "mysteryWidget"',
    })
    expect(problems).toContainEqual({
      documentId: 'hostile.dangling-figure',
      blockKey: 'f-deleted',
      message: 'trade fact unresolved: the series it points at does not exist',
    })
    expect(problems).toContainEqual({
      documentId: 'hostile.deep-list-level',
      blockKey: 'b-deep-h2',
      message: 'list level 100000 is outside 1 to 6: shown at level 6',
    })
    expect(problems).toContainEqual({
      documentId: 'hostile.nested-marks',
      blockKey: 's-marks',
      message: 'a span has 20000 marks: kept the first 12',
    })
    expect(problems).toContainEqual({
      documentId: 'hostile.many-spans',
      blockKey: 'b-spans',
      message: 'block has 10000 inline items: formatting kept for the first 199, the rest as plain text',
    })
    expect(problems).toContainEqual({ documentId: 'hostile.bad-tags', message: '"tags" holds 3 missing or malformed items: left out' })
    expect(problems).toContainEqual({ documentId: 'hostile.headline-object', message: '"headline" is an object, not text: left out' })
    expect(problems).toContainEqual({
      documentId: 'hostile.huge-body',
      blockKey: 'b-huge',
      message: 'body is longer than 100000 characters: cut here, with a notice to readers',
    })
    const ids = problems.map((p) => `${p.documentId}|${p.blockKey}|${p.message}`)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
