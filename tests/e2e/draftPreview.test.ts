import type { SanityClient } from '@sanity/client'
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { enableDraftModePath, studioDraftModePath } from '../harness/draftMode'
import { lakeClient } from '../harness/lake'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const lakeToken = inject('lakeToken')
const STORY_ID = 'article.nk-imports-from-china-spike-in-march'
const STORY = '/articles/nk-imports-from-china-spike-in-march'
const PUBLISHED = 'NK imports from China spike in March'
const DRAFT = 'NK imports from China jump to $12.98 million in March'

describe('draft preview', () => {
  let browser: Browser
  let lake: SanityClient

  beforeAll(async () => {
    lake = lakeClient(inject('lakeUrl'), lakeToken)
    // An editor changes the headline in the Studio: a draft beside the published story.
    const { _rev, _createdAt, _updatedAt, ...published } = (await lake.getDocument(STORY_ID)) ?? { _id: STORY_ID }
    await lake.createOrReplace({ ...published, _id: `drafts.${STORY_ID}`, _type: 'article', headline: DRAFT })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await lake?.delete(`drafts.${STORY_ID}`)
  })

  /** The draft-mode link the Studio's Presentation tool opens, with a secret it has just written. */
  const studioLink = async (page: string) => `${siteUrl}${await studioDraftModePath(lake, page)}`

  it("shows the draft with a banner after the Studio's link, without the token in the page", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(await studioLink(STORY))
    expect(new URL(page.url()).pathname).toBe(STORY)
    await expect(page.locator('h1').textContent()).resolves.toBe(DRAFT)
    await expect(page.getByRole('complementary', { name: 'Draft preview' }).textContent()).resolves.toContain('unpublished changes')
    expect(await page.content()).not.toContain(lakeToken)

    await page.getByRole('link', { name: 'Exit preview' }).click()
    await page.waitForURL(`${siteUrl}${STORY}`)
    await expect(page.locator('h1').textContent()).resolves.toBe(PUBLISHED)
    await expect(page.locator('.draft-banner').count()).resolves.toBe(0)
    await context.close()
  })

  it('keeps the published story on public pages while a draft is being previewed', async () => {
    const editor = await browser.newContext()
    await (await editor.newPage()).goto(await studioLink(STORY))
    const reader = await browser.newContext()
    const page = await reader.newPage()
    await page.goto(`${siteUrl}${STORY}`)
    await expect(page.locator('h1').textContent()).resolves.toBe(PUBLISHED)
    await expect(page.locator('.draft-banner').count()).resolves.toBe(0)
    await page.goto(siteUrl)
    await expect(page.locator('.card--lead .card__headline').textContent()).resolves.toBe(PUBLISHED)
    await Promise.all([editor.close(), reader.close()])
  })

  it.each([
    ['a wrong secret', enableDraftModePath('not-the-secret', STORY)],
    ['no secret', `/api/draft-mode/enable?${new URLSearchParams({ 'sanity-preview-pathname': STORY })}`],
  ])('refuses %s with 401 and no cookie', async (_, path) => {
    const response = await fetch(`${siteUrl}${path}`, { redirect: 'manual' })
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it("refuses the Studio's link once its secret document is gone", async () => {
    const { secret } = await createPreviewSecret(lake, 'factline-tests', 'http://127.0.0.1:3333', 'local-editor')
    const path = enableDraftModePath(secret, STORY)
    expect((await fetch(`${siteUrl}${path}`, { redirect: 'manual' })).status).toBe(307)
    await lake.delete({ query: '*[_type == "sanity.previewUrlSecret" && secret == $secret]', params: { secret } })
    expect((await fetch(`${siteUrl}${path}`, { redirect: 'manual' })).status).toBe(401)
  })

  it.each(['//evil.example', '/\\evil.example', 'https://evil.example/', '/.//evil.example'])(
    'refuses to redirect to %s',
    async (redirect) => {
      const response = await fetch(await studioLink(redirect), { redirect: 'manual' })
      expect(response.status).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      expect(response.headers.get('set-cookie')).toBeNull()
    },
  )
})
