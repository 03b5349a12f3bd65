import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const IMPORTS = '/data/north-korea-imports-from-china'

describe('a data page cites the report behind each value', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage()
    expect((await page.goto(`${siteUrl}${IMPORTS}`))?.status()).toBe(200)
  })
  afterAll(() => browser?.close())

  it('names outlet, date and link for a value, and marks an approximate one "about"', async () => {
    const february = page.locator('#period-2021-02')
    await expect(february.locator('th').textContent()).resolves.toBe('February 2021')
    await expect(february.locator('td').nth(0).textContent()).resolves.toBe('about $3,000')
    await expect(february.locator('td').nth(2).textContent()).resolves.toBe('March 18, 2021')
    const outlet = february.locator('td').nth(3).getByRole('link')
    await expect(outlet.textContent()).resolves.toBe('Korea Economic Daily (hankyung.com)')
    await expect(outlet.getAttribute('href')).resolves.toBe('https://www.hankyung.com/article/202103180239Y')
    await expect(february.locator('.citation-note').textContent()).resolves.toBe(
      'reported as "about $3,000"; the reference story says $3,000',
    )
  })

  it('dates a value reported in a known month by that month', async () => {
    const september = page.locator('#period-2020-09')
    await expect(september.locator('td').nth(0).textContent()).resolves.toBe('$18.88 million')
    await expect(september.locator('td').nth(2).textContent()).resolves.toBe('October 2020')
    await expect(september.locator('td').nth(3).getByRole('link').textContent()).resolves.toBe('MBC')
  })

  it('leaves unreported months out of the table rather than writing zero', async () => {
    await expect(page.locator('#period-2020-03').count()).resolves.toBe(0)
    await expect(page.locator('table.observations tbody tr').count()).resolves.toBe(22)
  })
})

describe('a data page on a 320 px phone', () => {
  let browser: Browser
  let page: Page

  beforeAll(async () => {
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 320, height: 640 } })
    expect((await page.goto(`${siteUrl}${IMPORTS}`))?.status()).toBe(200)
  })
  afterAll(() => browser?.close())

  it('does not scroll sideways: the table scrolls in its own labelled, focusable region', async () => {
    const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }))
    expect(page_.scroll).toBeLessThanOrEqual(page_.width)
    const region = page.getByRole('region', { name: "North Korea's imports from China, by period" })
    await expect(region.getAttribute('tabindex')).resolves.toBe('0')
    const box = await region.evaluate((el) => ({ scroll: el.scrollWidth, width: el.clientWidth, overflow: getComputedStyle(el).overflowX }))
    expect(box.overflow).toBe('auto')
    // The table is wider than the phone, so the region is what scrolls.
    expect(box.scroll).toBeGreaterThan(box.width)
  })

  it('draws axis and labels at 12 px or more as displayed', async () => {
    const sizes = await page.locator('.series-chart svg text').evaluateAll((texts) =>
      texts.map((text) => {
        const svg = (text as SVGTextElement).ownerSVGElement
        const scale = svg?.getScreenCTM()?.a ?? 1
        return { text: text.textContent, px: Number.parseFloat(getComputedStyle(text).fontSize) * scale }
      }),
    )
    expect(sizes.length).toBeGreaterThan(8)
    for (const size of sizes) expect(size.px, `${size.text}`).toBeGreaterThanOrEqual(12)
    // Labels do not run into each other.
    const boxes = await page.locator('.series-chart__label').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect()))
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]?.left).toBeGreaterThan(boxes[i - 1]?.right ?? 0)
  })

  it('shows the $3,000 month as a visible bar, unlike a missing month', async () => {
    const tiny = page.locator('.series-chart g[data-period="2021-02"] rect')
    await expect(tiny.getAttribute('class')).resolves.toContain('series-chart__bar')
    const bar = await tiny.boundingBox()
    expect(bar?.height).toBeGreaterThanOrEqual(2)
    expect(bar?.width).toBeGreaterThanOrEqual(4)
    const legend = await page.locator('.series-chart__legend').textContent()
    expect(legend).toContain('February 2021')
  })

  it('marks a missing month as not reported, in the chart and its legend', async () => {
    await expect(page.locator('.series-chart g[data-period="2020-03"] rect').getAttribute('class')).resolves.toBe('series-chart__missing')
    await expect(page.locator('.series-chart__legend').textContent()).resolves.toMatch(/Not reported \(no data, not zero\): March 2020$/)
  })
})
