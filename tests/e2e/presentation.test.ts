import type { SanityClient } from '@sanity/client'
import { stegaClean } from '@sanity/client/stega'
import type { Browser, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { lakeClient } from '../harness/lake'
import { REFERENCE_HEADLINE, REFERENCE_STORY, REFERENCE_STORY_ID } from '../harness/referenceStory'
import { editTarget } from '../harness/stega'
import { launchChromium } from './browser'

const studioUrl = inject('studioUrl')
const siteUrl = inject('siteUrl')
const TYPED = ' (sample edit in Presentation)'
// The Studio's first screen, and a draft reaching the frame: generous waits, never a measured time.
const STUDIO_LOAD_MS = 120_000
const CHANGE_SHOWN_MS = 30_000

/** The headline in the frame, without its click-to-edit marker (stega, from the lake's Content Source Maps). */
const frameHeadline = (frame: FrameLocator) => frame.locator('h1').textContent().then(stegaClean)

/** The Presentation tool on the reference story, the story's page in its frame. */
const presentationUrl = `${studioUrl}/presentation/article/${REFERENCE_STORY_ID}?${new URLSearchParams({ preview: REFERENCE_STORY })}`

describe('an editor in the Presentation tool', () => {
  let browser: Browser
  let lake: SanityClient
  let page: Page
  let frame: FrameLocator

  beforeAll(async () => {
    browser = await launchChromium()
    lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
  })
  afterAll(async () => {
    await browser?.close()
    // Leave the story as the other tests expect it: no draft beside the published version.
    await lake?.delete(`drafts.${REFERENCE_STORY_ID}`)
  })

  it('sees the story in the frame in draft mode, opened with a secret the Studio wrote', async () => {
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } })
    // The tool's Live Content API stream, answered by the lake itself.
    const liveStreams: { status: number; type: string }[] = []
    page.on('response', (response) => {
      if (!response.url().includes('/data/live/events/')) return
      liveStreams.push({ status: response.status(), type: response.headers()['content-type'] ?? '' })
    })
    await page.goto(presentationUrl, { timeout: STUDIO_LOAD_MS })
    frame = page.frameLocator(`iframe[src^="${siteUrl}"]`)
    await frame.getByRole('complementary', { name: 'Draft preview' }).waitFor({ timeout: STUDIO_LOAD_MS })
    expect(await frameHeadline(frame)).toBe(REFERENCE_HEADLINE)
    // The prose carries where it is stored, for the overlays to open.
    const marked = await Promise.all(
      ['h1', '.article-body p', 'figcaption .photo__caption'].map(async (selector) =>
        editTarget((await frame.locator(selector).first().textContent()) ?? ''),
      ),
    )
    expect(marked.map((target) => target && `${target.type} ${target.path}`)).toEqual([
      'article headline',
      'article body[_key=="k0004"].children[_key=="k0005"].text',
      'article mainImage.caption',
    ])
    const secrets = await lake.fetch<number>('count(*[_type == "sanity.previewUrlSecret"])', {}, { perspective: 'raw' })
    expect(secrets).toBeGreaterThan(0)
    await expect
      .poll(() => liveStreams, { timeout: CHANGE_SHOWN_MS })
      .toContainEqual({ status: 200, type: expect.stringContaining('text/event-stream') })
  }, 180_000)

  it("lands in the headline's field when the editor clicks the headline in the frame", async () => {
    // The overlay sits over the headline and takes the click: click where the headline is. The
    // overlays attach once the frame and the Studio have connected, so a click before then does
    // nothing, as it would for an editor: click again (never once the field is open, which would
    // take its focus) until the Studio opens the field.
    const box = await frame.locator('h1').boundingBox()
    if (!box) throw new Error('The headline is not on screen')
    const studioPath = () => decodeURIComponent(new URL(page.url()).pathname)
    const studioPathAfterClick = async () => {
      if (/\/headline$/.test(studioPath())) return studioPath()
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      return studioPath()
    }
    await expect.poll(studioPathAfterClick, { timeout: CHANGE_SHOWN_MS, interval: 3_000 }).toMatch(/\/headline$/)
    const headline = page.getByRole('textbox', { name: 'Headline' })
    await expect.poll(() => headline.evaluate((field) => field === document.activeElement), { timeout: CHANGE_SHOWN_MS }).toBe(true)
  }, 120_000)

  it('shows what the editor types in the headline in the frame', async () => {
    await page.keyboard.press('End')
    await page.keyboard.type(TYPED)
    await expect.poll(() => frameHeadline(frame), { timeout: CHANGE_SHOWN_MS, interval: 200 }).toBe(`${REFERENCE_HEADLINE}${TYPED}`)
    // Readers still see the published story.
    const reader = await fetch(`${siteUrl}${REFERENCE_STORY}`).then((r) => r.text())
    expect(reader).toContain(`<h1>${REFERENCE_HEADLINE}</h1>`)
  }, 180_000)

  it("opens a figure's trade fact, with its inspector, when the editor clicks the figure's overlay", async () => {
    const figure = frame.locator('a.figure[data-sanity]').first()
    expect(await figure.textContent()).toBe('$12.98 million')
    expect(decodeURIComponent((await figure.getAttribute('data-sanity')) ?? '')).toMatch(
      new RegExp(`id=${REFERENCE_STORY_ID.replaceAll('.', '\\.')};type=article;path=body:[\\w-]+\\.children:[\\w-]+`),
    )
    // The overlay sits over the figure and takes the click: click where the figure is.
    await figure.scrollIntoViewIfNeeded()
    const box = await figure.boundingBox()
    if (!box) throw new Error('The figure is not on screen')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    // The Studio opens that trade fact: its path, from the figure's target, and its form.
    const [, block, fact] =
      /path=body:([\w-]+)\.children:([\w-]+)/.exec(decodeURIComponent((await figure.getAttribute('data-sanity')) ?? '')) ?? []
    await expect
      .poll(() => decodeURIComponent(new URL(page.url()).pathname), { timeout: CHANGE_SHOWN_MS })
      .toMatch(new RegExp(`/body\\[_key=="${block}"\\]\\.children\\[_key=="${fact}"\\]$`))
    // The form does not scroll itself to the body, where the trade fact's dialog is anchored.
    await page.getByTestId('field-body').scrollIntoViewIfNeeded()
    const inspector = page.getByTestId('figure-inspector')
    await inspector.waitFor({ timeout: CHANGE_SHOWN_MS })
    expect(await inspector.textContent()).toContain("North Korea's imports from China, March 2021")
    expect(await page.getByTestId('popover-edit-dialog').getByRole('textbox', { name: 'Text as typed' }).inputValue()).toBe(
      '$12.98 million',
    )
  }, 120_000)
})
