import { readFile } from 'node:fs/promises'
import { XMLValidator } from 'fast-xml-parser'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { lakeClient } from '../harness/lake'
import { launchChromium } from './browser'
import { HOSTILE_ARTICLES, HOSTILE_SUPPORT } from './hostileCorpus'

const siteUrl = inject('siteUrl')
const slugs = HOSTILE_ARTICLES.map((a) => a.slug.current)

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

  it.each([
    '/feeds/rss.xml',
    '/feeds/atom.xml',
    '/feeds/feed.json',
    '/sections/data-desk/rss.xml',
    '/authors/sample-lee-jun-seo/atom.xml',
    '/sitemap.xml',
    '/sitemaps/sections-1.xml',
    '/sitemaps/stories-1.xml',
    '/news-sitemap.xml',
    '/data/north-korea-imports-from-china',
    '/',
    '/sections/data-desk',
  ])('still serves %s, well formed, with the hostile stories in the archive', async (path) => {
    const response = await fetch(`${siteUrl}${path}`)
    expect(response.status).toBe(200)
    const text = await response.text()
    if (path.endsWith('.json')) {
      const items: Array<{ content_html?: string }> = JSON.parse(text).items
      for (const item of items) expect(item.content_html ?? '').not.toMatch(/<script[\s>]/i)
    } else if (path.endsWith('.xml')) {
      expect(XMLValidator.validate(text)).toBe(true)
      expect(text).not.toMatch(/<script[\s>]/i)
    }
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
    const ids = problems.map((p) => `${p.documentId}|${p.blockKey}|${p.message}`)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
