import type { SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { LISTING_PAGE_SIZE } from '@/lib/site/listingPages'
import { lakeClient } from '../harness/lake'

const siteUrl = inject('siteUrl')
// Sample content for this test: a section and an author with more stories than one page shows,
// dated long ago so that they reach no front page or feed that other tests read.
const STORIES = LISTING_PAGE_SIZE + 6
const SECTION = {
  _id: 'section.sample-archive',
  _type: 'section',
  title: 'Sample archive',
  slug: { _type: 'slug', current: 'sample-archive' },
}
const AUTHOR = {
  _id: 'author.sample-archivist',
  _type: 'author',
  name: 'Sample Archivist',
  slug: { _type: 'slug', current: 'sample-archivist' },
}
const story = (n: number) => ({
  _id: `article.sample-archive-${n}`,
  _type: 'article',
  headline: `Sample archive story ${n}`,
  slug: { _type: 'slug', current: `sample-archive-story-${n}` },
  publishedAt: new Date(Date.UTC(2001, 0, n)).toISOString(),
  section: { _type: 'reference', _ref: SECTION._id },
  authors: [{ _key: 'a', _type: 'byline', author: { _type: 'reference', _ref: AUTHOR._id } }],
})

/** The headlines a listing page shows, in order, and its links to newer and older pages. */
async function listing(path: string) {
  const response = await fetch(`${siteUrl}${path}`)
  const html = await response.text()
  const list = /<ul class="article-list"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
  const pagination = /<nav class="pagination" aria-label="More stories">([\s\S]*?)<\/nav>/.exec(html)?.[1]
  const links = [...(pagination ?? '').matchAll(/<a\b[^>]*>/g)].map((m) => m[0])
  const link = (rel: string) => /href="([^"]+)"/.exec(links.find((tag) => tag.includes(`rel="${rel}"`)) ?? '')?.[1]
  return {
    status: response.status,
    headlines: [...list.matchAll(/<a href="\/articles\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]),
    pageLabel: /<span>(Page \d+)<\/span>/.exec(pagination ?? '')?.[1],
    newer: link('prev'),
    older: link('next'),
  }
}

const headlines = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => `Sample archive story ${from - i}`)

describe('section and author pages, a page at a time', () => {
  let lake: SanityClient

  beforeAll(async () => {
    lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
    const transaction = lake.transaction().createOrReplace(SECTION).createOrReplace(AUTHOR)
    for (let n = 1; n <= STORIES; n++) transaction.createOrReplace(story(n))
    await transaction.commit()
  })
  afterAll(async () => {
    const transaction = lake.transaction()
    for (let n = 1; n <= STORIES; n++) transaction.delete(story(n)._id)
    await transaction.delete(SECTION._id).delete(AUTHOR._id).commit()
  })

  it.each([
    ['/sections/sample-archive', 'section'],
    ['/authors/sample-archivist', 'author'],
  ])('%s lists the newest stories, then older ones on page 2, with links both ways', async (base) => {
    const first = await listing(base)
    expect(first.status).toBe(200)
    expect(first.headlines).toEqual(headlines(STORIES, STORIES - LISTING_PAGE_SIZE + 1))
    expect(first).toMatchObject({ pageLabel: 'Page 1', newer: undefined, older: `${base}/page/2` })

    const second = await listing(`${base}/page/2`)
    expect(second.status).toBe(200)
    expect(second.headlines).toEqual(headlines(STORIES - LISTING_PAGE_SIZE, 1))
    expect(second).toMatchObject({ pageLabel: 'Page 2', newer: base, older: undefined })
  })

  it.each(['/page/3', '/page/1', '/page/02', '/page/two', '/page', '/page/2/more'])(
    'answers 404 for %s, which is no page of the list',
    async (suffix) => {
      expect((await fetch(`${siteUrl}/sections/sample-archive${suffix}`)).status).toBe(404)
    },
  )

  it('shows no page links on a listing that fits one page', async () => {
    const { status, headlines: shown, pageLabel } = await listing('/sections/north-korea')
    expect(status).toBe(200)
    expect(shown.length).toBeGreaterThan(0)
    expect(pageLabel).toBeUndefined()
  })
})
