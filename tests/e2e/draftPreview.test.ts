import type { SanityClient } from '@sanity/client'
import { stegaClean } from '@sanity/client/stega'
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { feedPath, NEWS_SITEMAP_PATH, ninjsPath, SITE_FEEDS_BASE, SITEMAP_INDEX_PATH } from '@/lib/site/paths'
import { enableDraftModePath, studioDraftModePath } from '../harness/draftMode'
import { lakeClient } from '../harness/lake'
import { REFERENCE_HEADLINE, REFERENCE_STORY, REFERENCE_STORY_ID } from '../harness/referenceStory'
import { editTarget, STEGA_CHARACTER } from '../harness/stega'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const lakeToken = inject('lakeToken')
const DRAFT = 'NK imports from China jump to $12.98 million in March'
const DRAFT_STANDFIRST = 'Shipments reached their highest since September 2020.'

describe('draft preview', () => {
  let browser: Browser
  let lake: SanityClient

  beforeAll(async () => {
    lake = lakeClient(inject('lakeUrl'), lakeToken)
    // An editor changes the headline in the Studio: a draft beside the published story.
    const { _rev, _createdAt, _updatedAt, ...published } = (await lake.getDocument(REFERENCE_STORY_ID)) ?? { _id: REFERENCE_STORY_ID }
    await lake.createOrReplace({
      ...published,
      _id: `drafts.${REFERENCE_STORY_ID}`,
      _type: 'article',
      headline: DRAFT,
      standfirst: DRAFT_STANDFIRST,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await lake?.delete(`drafts.${REFERENCE_STORY_ID}`)
  })

  /** The draft-mode link the Studio's Presentation tool opens, with a secret it has just written. */
  const studioLink = async (page: string) => `${siteUrl}${await studioDraftModePath(lake, page)}`

  it("shows the draft with a banner after the Studio's link, without the token in the page", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(await studioLink(REFERENCE_STORY))
    expect(new URL(page.url()).pathname).toBe(REFERENCE_STORY)
    // Without its click-to-edit marker (stega), which the draft's prose carries.
    expect(stegaClean(await page.locator('h1').textContent())).toBe(DRAFT)
    await expect(page.getByRole('complementary', { name: 'Draft preview' }).textContent()).resolves.toContain('unpublished changes')
    expect(await page.content()).not.toContain(lakeToken)

    await page.getByRole('link', { name: 'Exit preview' }).click()
    await page.waitForURL(`${siteUrl}${REFERENCE_STORY}`)
    await expect(page.locator('h1').textContent()).resolves.toBe(REFERENCE_HEADLINE)
    await expect(page.locator('.draft-banner').count()).resolves.toBe(0)
    await context.close()
  })

  it('keeps the published story on public pages while a draft is being previewed', async () => {
    const editor = await browser.newContext()
    await (await editor.newPage()).goto(await studioLink(REFERENCE_STORY))
    const reader = await browser.newContext()
    const page = await reader.newPage()
    await page.goto(`${siteUrl}${REFERENCE_STORY}`)
    await expect(page.locator('h1').textContent()).resolves.toBe(REFERENCE_HEADLINE)
    await expect(page.locator('.draft-banner').count()).resolves.toBe(0)
    await page.goto(siteUrl)
    await expect(page.locator('.card--lead .card__headline').textContent()).resolves.toBe(REFERENCE_HEADLINE)
    await Promise.all([editor.close(), reader.close()])
  })

  it('puts click-to-edit markers in the prose only: none in the title, meta tags, JSON-LD, links or alt text', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(await studioLink(REFERENCE_STORY))
    await page.locator('h1').waitFor()
    // The prose an editor clicks carries where it is stored: the headline, standfirst, a paragraph, a caption.
    const targets = await Promise.all(
      ['h1', '.standfirst', '.article-body p', 'figcaption .photo__caption'].map(async (selector) =>
        editTarget((await page.locator(selector).first().textContent()) ?? ''),
      ),
    )
    expect(targets.map((target) => target?.path.replace(/\[_key=="[^"]+"\]/g, '[]'))).toEqual([
      'headline',
      'standfirst',
      'body[].children[].text',
      'mainImage.caption',
    ])
    expect(targets.every((target) => target?.documentId === `drafts.${REFERENCE_STORY_ID}`)).toBe(true)
    // What machines read stays exactly as stored.
    const machineRead = await page.evaluate(() => [
      ['title', document.title],
      ...[...document.querySelectorAll('meta[content]')].map((meta) => [meta.outerHTML, meta.getAttribute('content') ?? '']),
      ...[...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => ['JSON-LD', script.textContent ?? '']),
      ...[...document.querySelectorAll('[href], [src], [srcset], [alt], [aria-label], [datetime]')].map((element) => [
        element.outerHTML.slice(0, 120),
        ['href', 'src', 'srcset', 'alt', 'aria-label', 'datetime'].map((name) => element.getAttribute(name) ?? '').join(' '),
      ]),
    ])
    expect(machineRead.filter(([, value]) => STEGA_CHARACTER.test(value ?? ''))).toEqual([])
    expect(machineRead.some(([where, value]) => where === 'JSON-LD' && value?.includes(DRAFT))).toBe(true)
    expect(machineRead).toContainEqual(['title', expect.stringContaining(DRAFT)])
    await context.close()
  })

  it("keeps feeds and sitemaps published and free of markers in an editor's draft preview", async () => {
    const enable = await fetch(`${siteUrl}${await studioDraftModePath(lake, REFERENCE_STORY)}`, { redirect: 'manual' })
    const cookie = enable.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ')
    expect(cookie).toContain('__prerender_bypass')
    const paths = [
      ...(['rss', 'atom', 'json'] as const).map((format) => feedPath(SITE_FEEDS_BASE, format)),
      ninjsPath(REFERENCE_STORY),
      SITEMAP_INDEX_PATH,
      NEWS_SITEMAP_PATH,
    ]
    for (const path of paths) {
      const body = await fetch(`${siteUrl}${path}`, { headers: { cookie } }).then((response) => response.text())
      expect(STEGA_CHARACTER.test(body), path).toBe(false)
      expect(body, path).not.toContain(DRAFT)
    }
    const siteFeed = await fetch(`${siteUrl}${feedPath(SITE_FEEDS_BASE, 'rss')}`, { headers: { cookie } }).then((r) => r.text())
    expect(siteFeed).toContain(REFERENCE_HEADLINE)
  })

  it.each([
    ['a wrong secret', enableDraftModePath('not-the-secret', REFERENCE_STORY)],
    ['no secret', `/api/draft-mode/enable?${new URLSearchParams({ 'sanity-preview-pathname': REFERENCE_STORY })}`],
  ])('refuses %s with 401 and no cookie', async (_, path) => {
    const response = await fetch(`${siteUrl}${path}`, { redirect: 'manual' })
    expect(response.status).toBe(401)
    expect(response.headers.get('set-cookie')).toBeNull()
  })

  it("refuses the Studio's link once its secret document is gone", async () => {
    const { secret } = await createPreviewSecret(lake, 'factline-tests', 'http://127.0.0.1:3333', 'local-editor')
    const path = enableDraftModePath(secret, REFERENCE_STORY)
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
