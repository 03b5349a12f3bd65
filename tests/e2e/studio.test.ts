import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SanityClient } from '@sanity/client'
import type { Browser, Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { lakeClient } from '../harness/lake'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const studioUrl = inject('studioUrl')
// The product's promise: a published change reaches readers within five seconds.
const FRESHNESS_MS = 5_000
// The Studio's dev server compiles on the first request; an editor's own actions are quicker.
const STUDIO_FIRST_LOAD_MS = 120_000
// From the Publish click to the lake holding the new revision: the Studio saves pending edits and
// validates before it publishes. Well under the 30 s the Studio waits for a change it did not hear
// of, so a lake that leaves an event out fails here.
const STUDIO_PUBLISH_MS = 20_000

const HEADLINE = 'Sample: Studio-made story on imports from China'
const EDITED_HEADLINE = 'Sample: Studio-made story on imports from China, edited'
const SLUG = 'sample-studio-made-story-on-imports-from-china'
const STORY = `/articles/${SLUG}`
const DATA_PAGE = '/data/north-korea-imports-from-china'
// March 2021 of "North Korea's imports from China" in the seed, as the site formats it.
const MARCH_2021 = '$12.98 million'
const CAPTION_MESSAGE = 'Write a caption: say who or what the picture shows.'

const poll = { timeout: FRESHNESS_MS, interval: 100 }

async function get(path: string) {
  const response = await fetch(`${siteUrl}${path}`, { cache: 'no-store' })
  return { status: response.status, body: await response.text() }
}

/** Where readers find a published story: the home page, the feeds and the series' citing list. */
async function listings(): Promise<Record<string, boolean>> {
  const [home, rss, json, data] = await Promise.all(['/', '/feeds/rss.xml', '/feeds/feed.json', DATA_PAGE].map(get))
  const items: { url?: string; title?: string }[] = JSON.parse(json?.body ?? '{}').items ?? []
  const cited = data?.body.split('id="cited-heading"')[1] ?? ''
  return {
    home: Boolean(home?.body.includes(`href="${STORY}"`)),
    rss: Boolean(rss?.body.includes(`${siteUrl}${STORY}`)),
    json: items.some((item) => item.url === `${siteUrl}${STORY}`),
    cited: cited.includes(`href="${STORY}"`),
  }
}

const everywhere = { home: true, rss: true, json: true, cited: true }
const nowhere = { home: false, rss: false, json: false, cited: false }

/** Picks a document in a reference input by typing into it and choosing from its suggestions. */
async function pickReference(page: Page, scope: Page | Locator, label: string, query: string, option: RegExp) {
  await scope.getByRole('combobox', { name: label }).fill(query)
  await page.getByTestId('autocomplete-popover').getByRole('option', { name: option }).click()
}

/** What a text field of the form holds now, or undefined while the form does not show it. */
const fieldValue = (page: Page, label: string) =>
  page
    .getByRole('textbox', { name: label })
    .inputValue({ timeout: 500 })
    .catch(() => undefined)

describe('an editor in the Studio', () => {
  let browser: Browser
  let lake: SanityClient
  let page: Page
  let photoDir: string
  let documentId = ''
  /** The story's record of its figures at its first publication. */
  let recorded: unknown

  beforeAll(async () => {
    browser = await launchChromium()
    lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
    photoDir = await mkdtemp(join(tmpdir(), 'factline-studio-photo-'))
    await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 40, g: 90, b: 160 } } })
      .jpeg()
      .toFile(join(photoDir, 'sample-photo.jpg'))
  })

  afterAll(async () => {
    // Leave the lake as the other tests expect it: no sample story, published or draft.
    const ids = documentId ? [documentId, `drafts.${documentId}`] : []
    await Promise.all(['sample-two-editors', 'drafts.sample-two-editors', ...ids].map((id) => lake.delete(id)))
    await browser?.close()
    await rm(photoDir, { recursive: true, force: true })
  })

  it('opens the Studio signed in as the local editor, with no login screen', async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
    await page.goto(`${studioUrl}/intent/create/template=article;type=article`, { timeout: STUDIO_FIRST_LOAD_MS })
    await page.getByRole('textbox', { name: 'Headline' }).waitFor({ timeout: STUDIO_FIRST_LOAD_MS })
    expect(await page.title()).toContain('Factline (local lake, local editor)')
    await page.getByRole('button', { name: 'Local editor' }).first().waitFor()
    expect(await page.getByText(/choose login provider|sign in/i).count()).toBe(0)
  }, 180_000)

  it("runs React's production build, though the test runner (NODE_ENV=test) built the Studio", async () => {
    // React hands its renderer to the DevTools hook as it starts, saying which build it is (what
    // React DevTools shows editors): 0 is production, 1 development, slower and full of warnings.
    const context = await browser.newContext()
    await context.addInitScript(`window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
      supportsFiber: true, renderers: new Map(), checkDCE() {}, onCommitFiberRoot() {}, onCommitFiberUnmount() {},
      onPostCommitFiberRoot() {}, inject(renderer) { (window.reactBuilds ??= []).push(renderer.bundleType); return 1 },
    }`)
    const studio = await context.newPage()
    await studio.goto(`${studioUrl}/structure/article`, { timeout: STUDIO_FIRST_LOAD_MS })
    await studio.getByRole('button', { name: 'Local editor' }).first().waitFor({ timeout: STUDIO_FIRST_LOAD_MS })
    expect(await studio.evaluate('window.reactBuilds')).toEqual([0])
    await context.close()
  }, 180_000)

  it('writes a story that validation holds back until its photo has a caption, then publishes it', async () => {
    await page.getByRole('textbox', { name: 'Headline' }).fill(HEADLINE)
    await page.getByRole('button', { name: 'Generate' }).click()
    await expect.poll(() => fieldValue(page, 'Web address (slug)')).toBe(SLUG)
    // As an editor sees "Edited just now": the new draft is saved before the next field is filled.
    // A reference search typed while the Studio is still setting up a new draft can come back empty.
    const savedSlug = () =>
      lake.fetch<string | null>(
        '*[_id in path("drafts.**") && headline == $headline][0].slug.current',
        { headline: HEADLINE },
        { perspective: 'raw' },
      )
    await expect.poll(savedSlug, { timeout: STUDIO_PUBLISH_MS }).toBe(SLUG)
    await pickReference(page, page, 'Section', 'North', /^North Korea/)

    await page.getByTestId('field-authors').getByRole('button', { name: 'Add item' }).click()
    const byline = page.getByRole('dialog')
    await pickReference(page, byline, 'Author', 'Ahn', /^Ahn Sung-mi/)
    await byline.getByRole('button', { name: 'Close dialog' }).click()

    await page.getByTestId('field-publishedAt').getByTestId('select-date-button').click()
    await page.getByRole('button', { name: 'Set to current time' }).click()
    await page.keyboard.press('Escape')
    expect(await page.getByRole('textbox', { name: 'Published at' }).inputValue()).not.toBe('')

    await page.getByTestId('image-input').locator('input[type=file]').setInputFiles(join(photoDir, 'sample-photo.jpg'))
    await page.getByRole('img', { name: 'Preview of uploaded image' }).waitFor({ timeout: 30_000 })
    await page.getByRole('textbox', { name: 'Alternative text' }).fill('A blue rectangle standing in for a photo')
    await page.getByRole('textbox', { name: 'Credit' }).fill('Factline sample')
    // The caption is left for later.

    await page.getByTestId('field-body').getByRole('textbox').click()
    await page.keyboard.type("Sample: in March 2021, North Korea's imports from China reached ")
    // The toolbar shows the insert button when there is room, else it is in the overflow menu.
    const insertFact = page.getByTestId('field-body').getByRole('button', { name: 'Insert Trade fact (inline)' })
    if (await insertFact.isVisible()) await insertFact.click()
    else {
      await page.getByTestId('field-body').getByTestId('insert-menu-button').click()
      await page.getByRole('menuitem', { name: 'Insert Trade fact (inline)' }).click()
    }
    const fact = page.getByTestId('popover-edit-dialog')
    await pickReference(page, fact, 'Series', 'imports', /^North Korea's imports from China/)
    await fact.getByRole('textbox', { name: 'Period' }).fill('2021-03')
    await fact.getByRole('textbox', { name: 'Text as typed' }).fill(MARCH_2021)
    await fact.getByTestId('close-popover-edit-dialog-button').click()

    // Everything but the caption is there: the validation panel names it and Publish stays off.
    const publish = page.getByTestId('action-publish')
    await page.getByRole('button', { name: 'Validation', exact: true }).click()
    await page.getByText(CAPTION_MESSAGE).filter({ visible: true }).waitFor({ timeout: 30_000 })
    await expect.poll(() => publish.isDisabled(), { timeout: 30_000 }).toBe(true)
    await publish.hover({ force: true })
    await page.getByText('There are validation errors that need to be fixed before this document can be published').waitFor()
    await page.getByRole('button', { name: 'Validation', exact: true }).click()

    const draft = await lake.fetch<{ _id: string } | null>(
      '*[_type == "article" && headline == $headline][0]{_id}',
      { headline: HEADLINE },
      { perspective: 'raw' },
    )
    documentId = draft?._id.replace(/^drafts\./, '') ?? ''
    expect(draft?._id).toBe(`drafts.${documentId}`)
    expect(await lake.getDocument(documentId)).toBeUndefined()

    await page.getByRole('textbox', { name: 'Caption' }).fill('A sample picture for the Studio test')
    await expect.poll(() => publish.isEnabled(), { timeout: 30_000 }).toBe(true)
    await publish.click()
    await expect.poll(() => lake.getDocument(documentId).then((doc) => doc?.headline), { timeout: STUDIO_PUBLISH_MS }).toBe(HEADLINE)
    const published = await lake.getDocument(documentId)
    expect(published).toMatchObject({
      slug: { current: SLUG },
      section: { _ref: 'section.north-korea' },
      authors: [{ author: { _ref: 'author.ahn-sung-mi' } }],
      mainImage: {
        alt: 'A blue rectangle standing in for a photo',
        caption: 'A sample picture for the Studio test',
        credit: 'Factline sample',
      },
    })
    expect(published?.mainImage.asset._ref).toMatch(/^image-\w+-320x200-jpg$/)
    expect(published?.body[0].children).toContainEqual(
      expect.objectContaining({
        _type: 'tradeFact',
        series: expect.objectContaining({ _ref: 'tradeSeries.chn-prk-x-total-m' }),
        period: '2021-03',
        fallbackText: MARCH_2021,
      }),
    )
    // Publish also recorded, in the same transaction, what the figure showed.
    recorded = published?.publishedFigures
    expect(recorded).toEqual([
      expect.objectContaining({
        seriesId: 'tradeSeries.chn-prk-x-total-m',
        period: '2021-03',
        text: MARCH_2021,
        recordedAt: expect.any(String),
      }),
    ])

    await expect.poll(listings, poll).toEqual(everywhere)
    const story = await browser.newPage()
    await story.goto(`${siteUrl}${STORY}`)
    expect(await story.getByRole('heading', { level: 1 }).textContent()).toBe(HEADLINE)
    // The figure is linked to its data, not shown as the text as typed.
    expect(await story.locator('a.figure').first().textContent()).toBe(MARCH_2021)
    expect(await story.locator('a.figure').first().getAttribute('href')).toBe(`${DATA_PAGE}#period-2021-03`)
    await story.close()
  }, 240_000)

  it('publishes an edit of the headline clicked at once while the edit is still being saved, which reaches the story page', async () => {
    // A slow network between the editor and the lake: the Studio's save of the edit takes 2 s, and
    // Publish is clicked as soon as it can be. The publish must wait for the save, not send the
    // draft the lake held before it.
    const SAVE = /\/data\/actions\/.*tag=sanity\.studio\.document\.commit/
    await page.route(SAVE, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      await route.continue()
    })
    await page.getByRole('textbox', { name: 'Headline' }).fill(EDITED_HEADLINE)
    const publish = page.getByTestId('action-publish')
    await expect.poll(() => publish.isEnabled(), { timeout: 30_000 }).toBe(true)
    await publish.click()
    await expect.poll(() => lake.getDocument(documentId).then((doc) => doc?.headline), { timeout: STUDIO_PUBLISH_MS }).toBe(EDITED_HEADLINE)
    await page.unroute(SAVE)
    // Republishing keeps the first publication's record.
    expect((await lake.getDocument(documentId))?.publishedFigures).toEqual(recorded)
    await expect.poll(() => get(STORY).then(({ body }) => body.includes(`<h1>${EDITED_HEADLINE}</h1>`)), poll).toBe(true)
  }, 120_000)

  it('unpublishes the story, which leaves every page and feed', async () => {
    await page.getByTestId('document-header-Published-chip').click()
    const unpublish = page.getByTestId('action-unpublish')
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Unpublish now' })
    // The action is enabled once the Studio has loaded the published document's permissions; a
    // click just as it is enabled can be lost to a re-render, so it is clicked until it asks.
    await expect
      .poll(
        async () => {
          if (await unpublish.isEnabled()) await unpublish.click()
          return confirm.isVisible()
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(true)
    await confirm.click()
    await expect.poll(() => lake.getDocument(documentId), { timeout: STUDIO_PUBLISH_MS }).toBeUndefined()
    // The story goes back to being a draft.
    expect((await lake.getDocument(`drafts.${documentId}`))?.headline).toBe(EDITED_HEADLINE)

    await expect.poll(async () => ({ ...(await listings()), page: (await get(STORY)).status }), poll).toEqual({ ...nowhere, page: 404 })
  }, 120_000)

  it('lets two editors work on one draft at once without losing either change', async () => {
    await lake.create({ _id: 'drafts.sample-two-editors', _type: 'article', headline: 'Sample: two editors at work' })
    const open = async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
      const editor = await context.newPage()
      await editor.goto(`${studioUrl}/intent/edit/id=sample-two-editors;type=article`)
      await editor.getByRole('textbox', { name: 'Headline' }).waitFor({ timeout: 60_000 })
      await editor.getByRole('textbox', { name: 'Standfirst' }).waitFor()
      return editor
    }
    const [a, b] = await Promise.all([open(), open()])
    const standfirst = 'Sample standfirst, typed by editor A.'
    const headline = 'Sample: two editors at work, headline by editor B'
    await Promise.all([
      a.getByRole('textbox', { name: 'Standfirst' }).pressSequentially(standfirst, { delay: 20 }),
      (async () => {
        await b.getByRole('textbox', { name: 'Headline' }).fill('')
        await b.getByRole('textbox', { name: 'Headline' }).pressSequentially(headline, { delay: 20 })
      })(),
    ])
    // Each sees the other's change in the form, and the lake's draft holds both.
    await expect.poll(() => fieldValue(a, 'Headline'), poll).toBe(headline)
    await expect.poll(() => fieldValue(b, 'Standfirst'), poll).toBe(standfirst)
    await expect
      .poll(
        () => lake.getDocument('drafts.sample-two-editors').then((doc) => ({ headline: doc?.headline, standfirst: doc?.standfirst })),
        poll,
      )
      .toEqual({ headline, standfirst })
    await Promise.all([a.context().close(), b.context().close()])
  }, 180_000)
})
