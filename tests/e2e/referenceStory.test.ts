import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { copyLinkAnnouncement, launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const STORY = '/articles/nk-imports-from-china-spike-in-march'

describe('the reference story in a browser', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    const response = await page.goto(`${siteUrl}${STORY}`)
    expect(response?.status()).toBe(200)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows the section, headline and dateline as published', async () => {
    await expect(page.locator('.article__header .kicker').textContent()).resolves.toBe('North Korea')
    await expect(page.locator('h1').textContent()).resolves.toBe('NK imports from China spike in March')
    await expect(page.locator('.dateline').first().textContent()).resolves.toBe('Published : April 19, 2021 - 15:30 KST')
    // The zone is named for readers and the moment is machine-readable for everyone else.
    await expect(page.locator('.dateline time').first().getAttribute('datetime')).resolves.toBe('2021-04-19T06:30:00.000Z')
  })

  it('links the byline to the author page, and signs off with the email', async () => {
    const byline = page.locator('.article__header .byline a')
    await expect(byline.textContent()).resolves.toBe('Ahn Sung-mi')
    await expect(byline.getAttribute('href')).resolves.toBe('/authors/ahn-sung-mi')
    await expect(page.locator('.article__footer .byline').textContent()).resolves.toBe('By Ahn Sung-mi (sahn@heraldcorp.com)')
    await expect(page.locator('.article__footer a[href="mailto:sahn@heraldcorp.com"]').count()).resolves.toBe(1)
  })

  it('shows the main image with its caption and credit', async () => {
    const figure = page.locator('article > figure.photo')
    await expect(figure.locator('figcaption').textContent()).resolves.toBe('North Korean flag (AFP-Yonhap)')
    await expect(figure.locator('.photo__caption').textContent()).resolves.toBe('North Korean flag')
    await expect(figure.locator('.photo__credit').textContent()).resolves.toBe('(AFP-Yonhap)')
    const image = figure.locator('img')
    await expect(image.getAttribute('alt')).resolves.toMatch(/flag of North Korea/)
    const loaded = await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)
    expect(loaded).toBe(true)
  })

  it('renders every figure in house style, linked to its data page at its period', async () => {
    const figures = await page
      .locator('.article-body a.figure')
      .evaluateAll((links) => links.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })))
    expect(figures).toEqual([
      { text: '$12.98 million', href: '/data/north-korea-imports-from-china#period-2021-03' },
      { text: '$3,000', href: '/data/north-korea-imports-from-china#period-2021-02' },
      { text: 'the highest level since September 2020', href: '/data/north-korea-imports-from-china#period-2021-03' },
      { text: '$18.9 million', href: '/data/north-korea-imports-from-china#period-2020-09' },
      { text: '$1.3 million', href: '/data/north-korea-exports-to-china#period-2021-03' },
      { text: '$1.75 million', href: '/data/north-korea-exports-to-china#period-2021-02' },
    ])
  })

  it('reads every paragraph of the story as the seed text has it', async () => {
    const paragraphs = await page.locator('.article-body > p').allInnerTexts()
    expect(paragraphs).toHaveLength(8)
    expect(paragraphs[1]).toBe(
      'North Korea\u2019s shipments from China totaled $12.98 million in March -- a dramatic jump from February, when it logged $3,000 -- Chinese customs data released Sunday showed.',
    )
    expect(paragraphs[2]).toBe(
      'It marked the highest level since September 2020, when imports totaled $18.9 million. Since then the figure has nose-dived to nearly zero as the reclusive regime has implemented even stricter border control measures to stave off a COVID-19 outbreak on its soil, bringing trade with its largest economic partner to a practical halt.',
    )
    expect(paragraphs[3]).toBe(
      'Meanwhile, North Korea exported $1.3 million worth of goods to China last month, down from $1.75 million in February.',
    )
    expect(paragraphs[7]).toMatch(/can start running from April\.$/)
  })

  it('shows that the data supports the story’s claim, and why, in the claim’s description', async () => {
    const claim = page.locator('.article-body a.figure--claim')
    await expect(claim.getAttribute('data-claim')).resolves.toBe('supported')
    const describedBy = await claim.getAttribute('aria-describedby')
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toContain(
      'supported by the data: September 2020 was as high or higher, and every month since lower',
    )
    // The mark is drawn, not written: it adds nothing to the words of the story.
    const mark = await claim.evaluate((a) => getComputedStyle(a, '::after').content)
    expect(mark).toContain('✓')
    await expect(page.locator('.figure__claim-note').count()).resolves.toBe(0)
    // The note after the story says it in words.
    const checks = page.getByRole('complementary', { name: 'Claims checked against the data' })
    await expect(checks.locator('li').allInnerTexts()).resolves.toEqual([
      "“the highest level since September 2020” (North Korea's imports from China, March 2021): supported by the data: September 2020 was as high or higher, and every month since lower.",
    ])
  })

  it('follows a figure to the data page at that period', async () => {
    const figurePage = await browser.newPage()
    await figurePage.goto(`${siteUrl}${STORY}`)
    await figurePage.locator('a.figure', { hasText: '$3,000' }).click()
    await figurePage.waitForURL(/\/data\/north-korea-imports-from-china#period-2021-02$/)
    await expect(figurePage.locator('#period-2021-02 td').first().textContent()).resolves.toBe('about $3,000')
    await figurePage.close()
  })
})

describe('the rest of the site', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('leads the home page with the reference story', async () => {
    const page = await browser.newPage()
    await page.goto(siteUrl)
    await expect(page.locator('.card--lead .card__headline').textContent()).resolves.toBe('NK imports from China spike in March')
    await page.close()
  })

  it('asks the origin for no other page while a reader reads the front page, and a click still navigates', async () => {
    const page = await browser.newPage()
    const payloads: string[] = []
    page.on('request', (request) => {
      if (request.headers().rsc === '1') payloads.push(request.url())
    })
    await page.goto(siteUrl, { waitUntil: 'networkidle' })
    expect(payloads).toEqual([])
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Economy' }).click()
    await page.waitForURL(`${siteUrl}/sections/economy`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Economy')
    // In place (one payload, for the page clicked) once the page has hydrated, or a plain load before.
    expect(payloads.every((url) => new URL(url).pathname === '/sections/economy')).toBe(true)
    await page.close()
  })

  it('lists the story on its author and section pages', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}/authors/ahn-sung-mi`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Ahn Sung-mi')
    await expect(page.locator('.card__headline', { hasText: 'NK imports from China spike in March' }).count()).resolves.toBe(1)
    await page.goto(`${siteUrl}/sections/north-korea`)
    await expect(page.locator('.card__headline', { hasText: 'NK imports from China spike in March' }).count()).resolves.toBe(1)
    await page.close()
  })

  it('answers an unknown story with a helpful 404', async () => {
    const page = await browser.newPage()
    const response = await page.goto(`${siteUrl}/articles/no-such-story`)
    expect(response?.status()).toBe(404)
    await expect(page.locator('h1').textContent()).resolves.toBe('We can’t find that page')
    await expect(page.locator('a[href="/"]').count()).resolves.toBeGreaterThan(0)
    await page.close()
  })

  it('copies the article link and announces it', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await context.newPage()
    await page.goto(`${siteUrl}${STORY}`)
    await expect.poll(copyLinkAnnouncement(page), { timeout: 10_000 }).toBe('Link copied')
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${siteUrl}${STORY}`)
    await context.close()
  })
})
