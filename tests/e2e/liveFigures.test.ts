import type { SanityClient, SanityDocument } from '@sanity/client'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { lakeClient } from '../harness/lake'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const STORY = '/articles/nk-imports-from-china-spike-in-march'
const SERIES_ID = 'tradeSeries.chn-prk-x-total-m'
const MARCH = 'observations[_key=="2021-03"]'
// The product's promise: a revision reaches open pages within five seconds.
const FRESHNESS_MS = 5_000

describe('a revision of the data reaches open pages', () => {
  let browser: Browser
  let lake: SanityClient
  let original: SanityDocument

  beforeAll(async () => {
    browser = await launchChromium()
    lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
    original = (await lake.getDocument(SERIES_ID)) as SanityDocument
  })
  afterAll(async () => {
    // Put the seed's series back for the other tests, and wait until the site serves it again.
    const { _rev, _updatedAt, ...restored } = original
    await lake.createOrReplace(restored)
    const page = await browser.newPage()
    await page.goto(`${siteUrl}${STORY}`)
    await page.locator('a.figure', { hasText: '$12.98 million' }).waitFor({ timeout: FRESHNESS_MS })
    await browser?.close()
  })

  it('updates the open article in place, with the published value noted, and the data page', async () => {
    const page = await browser.newPage()
    await page.goto(`${siteUrl}${STORY}`)
    await expect(page.locator('a.figure').first().textContent()).resolves.toBe('$12.98 million')
    await expect(page.locator('.data-revisions').count()).resolves.toBe(0)
    // A marker on the window proves the page was not reloaded.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }))

    const march = original.observations.find((o: { period: string }) => o.period === '2021-03')
    await lake
      .patch(SERIES_ID)
      .setIfMissing({ [`${MARCH}.history`]: [] })
      .insert('after', `${MARCH}.history[-1]`, [
        {
          _key: 'e2e-revision',
          _type: 'observationRelease',
          primaryValue: march.primaryValue,
          status: march.status,
          releasedAt: march.releasedAt,
        },
      ])
      .set({ [`${MARCH}.primaryValue`]: 13_500_000, [`${MARCH}.status`]: 'revised', [`${MARCH}.releasedAt`]: '2021-05-20T02:00:00.000Z' })
      .commit()

    const revised = page.locator('a.figure', { hasText: '$13.5 million' })
    await revised.waitFor({ timeout: FRESHNESS_MS })
    await expect(page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true)
    await expect(page.locator('.figure__revision').first().textContent()).resolves.toBe(
      ' (revised May 20, 2021; $12.98 million when published on April 19, 2021)',
    )
    const note = await page.locator('.data-revisions li').allInnerTexts()
    expect(note).toEqual([
      "North Korea's imports from China, March 2021: $12.98 million when published on April 19, 2021; $13.5 million since the release of May 20, 2021 (revised).",
    ])

    const dataPage = await browser.newPage()
    await dataPage.goto(`${siteUrl}/data/north-korea-imports-from-china`)
    const row = dataPage.locator('#period-2021-03')
    await expect(row.locator('td').nth(0).textContent()).resolves.toBe('$13.5 million')
    await expect(row.locator('td').nth(1).textContent()).resolves.toBe('revised')
    await expect(row.locator('td').nth(4).textContent()).resolves.toBe('$12.98 million (provisional, released April 18, 2021)')
    await page.close()
    await dataPage.close()
  })

  it('catches up on a revision it missed while its connection was down', async () => {
    const page = await browser.newPage()
    // The page's live connection is cut before it opens, as on a flaky network or while hydrating.
    await page.route('**/api/live', (route) => route.abort())
    await page.goto(`${siteUrl}${STORY}`)
    const before = await page.locator('a.figure').first().textContent()
    await lake
      .patch(SERIES_ID)
      .set({ [`${MARCH}.primaryValue`]: 14_250_000 })
      .commit()
    // The site has the revision (a fresh request shows it) while the open page still does not.
    for (let tries = 0; !(await (await fetch(`${siteUrl}${STORY}`)).text()).includes('$14.25 million'); tries++) {
      expect(tries, 'the site shows the revision').toBeLessThan(100)
      await new Promise((r) => setTimeout(r, 50))
    }
    await expect(page.locator('a.figure').first().textContent()).resolves.toBe(before)
    await page.unroute('**/api/live')
    // The browser reconnects on its own; the site's greeting says content changed since the render.
    await page.locator('a.figure', { hasText: '$14.25 million' }).waitFor({ timeout: FRESHNESS_MS })
    await page.close()
  })
})
