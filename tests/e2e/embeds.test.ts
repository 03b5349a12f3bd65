import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SanityClient, SanityDocument } from '@sanity/client'
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { lakeClient } from '../harness/lake'
import { schemaErrors, validateExtendedNinjs, validateIptcNinjs } from '../harness/ninjsValidators'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
// A series and period no other test reads: the lake keeps every release, so a revision stays in its history.
const SERIES_ID = 'tradeSeries.chn-prk-m-total-m'
const SERIES = 'north-korea-exports-to-china'
const SEPTEMBER = 'observations[_key=="2021-09"]'
const STORY = '/articles/nk-imports-from-china-spike-in-march'
const CHART = `/embed/chart/${SERIES}`
const FIGURE = `/embed/figure/${SERIES}/2021-09`
// Generous bounds on waiting for a page to change, so a slow machine does not fail; no speed is asserted.
const PATIENCE_MS = 30_000

/** A partner's article on another origin, framing our chart and figure, and (wrongly) one of our pages. */
const partnerPage = () => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A partner's story</title></head>
<body><h1>A partner's story</h1>
<iframe id="chart" title="Chart" src="${siteUrl}${CHART}" width="640" height="420"></iframe>
<iframe id="figure" title="Figure" src="${siteUrl}${FIGURE}" width="360" height="220"></iframe>
<iframe id="page" title="Data page" src="${siteUrl}/data/${SERIES}" width="640" height="420"></iframe>
</body></html>`

const frameOf = (page: Page, id: string) =>
  page
    .waitForFunction((selector) => document.querySelector(selector) !== null, `#${id}`)
    .then(async () => {
      const frame = await (await page.$(`#${id}`))?.contentFrame()
      if (!frame) throw new Error(`no frame ${id}`)
      return frame
    })
const textOf = (frame: Frame) => frame.locator('body').textContent()

describe('embeds on a partner page', () => {
  let browser: Browser
  let lake: SanityClient
  let original: SanityDocument
  let partner: Server
  let partnerUrl: string

  beforeAll(async () => {
    browser = await launchChromium()
    lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
    original = (await lake.getDocument(SERIES_ID)) as SanityDocument
    partner = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(partnerPage()))
    await new Promise<void>((resolve) => partner.listen(0, 'localhost', resolve))
    partnerUrl = `http://localhost:${(partner.address() as AddressInfo).port}/`
  })
  afterAll(async () => {
    const { _rev, _updatedAt, ...restored } = original
    await lake.createOrReplace(restored)
    const page = await browser.newPage()
    await page.goto(`${siteUrl}${FIGURE}`)
    await page.getByText('$14.27 million', { exact: true }).waitFor({ timeout: PATIENCE_MS })
    await browser?.close()
    await new Promise((resolve) => partner?.close(resolve))
  })

  it('lets any site frame the embeds, and no other page', async () => {
    for (const path of [CHART, FIGURE]) {
      // The second answer comes from the cache, with the policy stored beside the page.
      for (const attempt of [1, 2]) {
        const response = await fetch(`${siteUrl}${path}`)
        expect([attempt, response.status, response.headers.get('x-frame-options')]).toEqual([attempt, 200, null])
        const policies = (response.headers.get('content-security-policy') ?? '').split(/[;,]\s*/)
        expect(policies).toContain('frame-ancestors *')
        expect(policies).not.toContain("frame-ancestors 'none'")
      }
    }
    for (const path of ['/', STORY, `/data/${SERIES}`, '/api/oembed', '/feeds/ninjs.json']) {
      const response = await fetch(`${siteUrl}${path}`)
      expect([path, response.headers.get('x-frame-options')]).toEqual([path, 'DENY'])
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    }
  })

  it('shows the chart and figure inside a page of another origin, updates them when the series is revised, and refuses the data page', async () => {
    const page = await browser.newPage()
    await page.goto(partnerUrl)
    const figure = await frameOf(page, 'figure')
    const chart = await frameOf(page, 'chart')
    await figure.getByText('$14.27 million', { exact: true }).waitFor({ timeout: PATIENCE_MS })
    const figureText = await textOf(figure)
    expect(figureText).toContain("North Korea's exports to China, September 2021")
    expect(figureText).toContain('Source: General Administration of Customs')
    // No site chrome in the frame: no header, navigation or footer; a link back to the data.
    await expect(figure.locator('header, nav, footer').count()).resolves.toBe(0)
    await expect(figure.getByRole('link', { name: 'The data and its releases' }).getAttribute('href')).resolves.toBe(
      `${siteUrl}/data/${SERIES}#period-2021-09`,
    )
    await expect(chart.locator('svg').count()).resolves.toBeGreaterThan(0)
    await expect(chart.locator('svg').first().textContent()).resolves.toContain('September 2021: $14.27 million')

    // Once every frame has loaded, the browser has refused to frame the data page: its frame holds
    // Chromium's error page, none of ours.
    await page.waitForLoadState('load')
    const refused = await frameOf(page, 'page')
    expect(refused.url()).toMatch(/^chrome-error:/)
    await expect(refused.getByText('Stories citing this series').count()).resolves.toBe(0)

    const september = original.observations.find((o: { period: string }) => o.period === '2021-09')
    await lake
      .patch(SERIES_ID)
      .setIfMissing({ [`${SEPTEMBER}.history`]: [] })
      .insert('after', `${SEPTEMBER}.history[-1]`, [
        {
          _key: 'e2e-embed',
          _type: 'observationRelease',
          primaryValue: september.primaryValue,
          status: september.status,
          releasedAt: september.releasedAt,
        },
      ])
      .set({
        [`${SEPTEMBER}.primaryValue`]: 15_500_000,
        [`${SEPTEMBER}.status`]: 'revised',
        [`${SEPTEMBER}.releasedAt`]: '2021-11-18T02:00:00.000Z',
      })
      .commit()

    // Both frames update in place, as the site's own pages do.
    await figure.getByText('$15.5 million', { exact: true }).waitFor({ timeout: PATIENCE_MS })
    await expect(textOf(figure)).resolves.toContain('first released as $14.27 million')
    await chart.locator('svg', { hasText: 'September 2021: $15.5 million' }).first().waitFor({ timeout: PATIENCE_MS })
    await page.close()
  })
})

describe('Copy embed code', () => {
  it("copies the data page's chart as an iframe of its embed, titled for screen readers", async () => {
    const browser = await launchChromium()
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] })
    const page = await context.newPage()
    await page.goto(`${siteUrl}/data/${SERIES}`)
    const button = page.getByRole('button', { name: 'Copy embed code' })
    const status = page.locator('.share', { has: button }).getByRole('status')
    // A click that lands before the island hydrates does nothing, so the reader clicks again.
    await expect
      .poll(
        async () => {
          await button.click()
          return status.textContent()
        },
        { timeout: PATIENCE_MS },
      )
      .toBe('Embed code copied')
    const code = await page.evaluate(() => navigator.clipboard.readText())
    expect(code.startsWith(`<iframe src="${siteUrl}${CHART}" title="North Korea&#x27;s exports to China" width="640" height="420"`)).toBe(
      true,
    )
    await browser.close()
  })
})

describe('oEmbed', () => {
  const oembed = (query: string) => fetch(`${siteUrl}/api/oembed?${query}`)
  const dataUrl = `${siteUrl}/data/${SERIES}`

  it('is discoverable from the data page and the story', async () => {
    for (const [path, pageUrl] of [
      [`/data/${SERIES}`, dataUrl],
      [STORY, `${siteUrl}${STORY}`],
    ] as const) {
      const html = await (await fetch(`${siteUrl}${path}`)).text()
      const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&')
      expect(link).toBe(`${siteUrl}/api/oembed?url=${encodeURIComponent(pageUrl)}&format=json`)
    }
  })

  it('answers a chart as a rich iframe of its embed, within maxwidth', async () => {
    const response = await oembed(`url=${encodeURIComponent(dataUrl)}&maxwidth=300&format=json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    const answer = await response.json()
    expect(answer).toMatchObject({ version: '1.0', type: 'rich', width: 300, provider_name: 'Factline' })
    expect(answer.html).toContain(`src="${siteUrl}${CHART}"`)
    expect(answer.html).toContain('width="300"')
  })

  it('answers a period of the data page as the figure, and a story as a link', async () => {
    const figure = await (await oembed(`url=${encodeURIComponent(`${dataUrl}#period-2021-09`)}`)).json()
    expect(figure.html).toContain(`src="${siteUrl}${FIGURE}"`)
    const story = await (await oembed(`url=${encodeURIComponent(`${siteUrl}${STORY}`)}`)).json()
    expect(story).toMatchObject({ type: 'link', title: 'NK imports from China spike in March' })
  })

  it.each([
    ['a page of another site', `url=${encodeURIComponent(`https://evil.example/data/${SERIES}`)}`, 404],
    ['a series that does not exist', `url=${encodeURIComponent(`${siteUrl}/data/no-such-series`)}`, 404],
    ['a period the series lacks', `url=${encodeURIComponent(`${dataUrl}#period-1901-01`)}`, 404],
    ['XML', `url=${encodeURIComponent(dataUrl)}&format=xml`, 501],
    ['no URL', 'format=json', 400],
  ])('answers %s with %i', async (_, query, status) => {
    expect((await oembed(query)).status).toBe(status)
  })
})

describe('ninjs over HTTP', () => {
  it("serves the reference story's ninjs, valid against our extension, with its figures", async () => {
    const response = await fetch(`${siteUrl}${STORY}/ninjs.json`)
    expect(response.headers.get('content-type')).toContain('application/json')
    const ninjs = await response.json()
    expect(validateExtendedNinjs(ninjs), schemaErrors(validateExtendedNinjs.errors)).toBe(true)
    expect(ninjs.factline.tradeFacts[0]).toMatchObject({ period: '2021-03', value_at_publication: 12_978_000 })
    expect((await fetch(`${siteUrl}/articles/no-such-story/ninjs.json`)).status).toBe(404)
  })

  it.each(['/feeds/ninjs.json', '/sections/data-desk/ninjs.json', '/authors/sample-lee-jun-seo/ninjs.json', '/tags/china/ninjs.json'])(
    'serves %s as a valid IPTC ninjs 3.1 composite',
    async (path) => {
      const feed = await (await fetch(`${siteUrl}${path}`)).json()
      expect(validateIptcNinjs(feed), schemaErrors(validateIptcNinjs.errors)).toBe(true)
      expect(feed.associations.length).toBeGreaterThan(0)
    },
  )

  it('serves the extension schema the stories name', async () => {
    const story = await (await fetch(`${siteUrl}${STORY}/ninjs.json`)).json()
    const schema = await (await fetch(story.standard.schema)).json()
    expect(schema.$ref).toBe('http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#/$defs/ninjsType')
  })
})
