import { randomBytes } from 'node:crypto'
import { parseFeed } from '@rowanmanning/feed-parser'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { lakeClient } from '../harness/lake'

const siteUrl = inject('siteUrl')
const STORY = '/articles/nk-imports-from-china-spike-in-march'
const HEADLINE = 'NK imports from China spike in March'
const FIGURES = [
  ['$12.98 million', '/data/north-korea-imports-from-china#period-2021-03'],
  ['$3,000', '/data/north-korea-imports-from-china#period-2021-02'],
  ['the highest level since September 2020', '/data/north-korea-imports-from-china#period-2021-03'],
  ['$18.9 million', '/data/north-korea-imports-from-china#period-2020-09'],
  ['$1.3 million', '/data/north-korea-exports-to-china#period-2021-03'],
  ['$1.75 million', '/data/north-korea-exports-to-china#period-2021-02'],
].map(([text, path]) => ({ text, href: `${siteUrl}${path}` }))

// Each scope that carries the reference story, with the path its feeds sit under.
const SCOPES = [
  ['the site', '/feeds'],
  ['its section', '/sections/north-korea'],
  ['its author', '/authors/ahn-sung-mi'],
  ['its topic', '/tags/china'],
] as const
const XML_FEEDS = [
  ['RSS', 'rss.xml', 'application/rss+xml; charset=utf-8'],
  ['Atom', 'atom.xml', 'application/atom+xml; charset=utf-8'],
] as const

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['item', 'entry', 'url', 'sitemap'].includes(name),
})

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${siteUrl}${path}`, { headers })
  return { response, body: await response.text() }
}

const figuresIn = (html: string) =>
  [...html.matchAll(/<a class="figure" href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(([, href, text]) => ({ text, href }))

/** Every `<tag …>` of a page as its attributes, entities in values decoded. */
function tagsOf(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\s([^>]*)>`, 'g'))].map(([, attributes]) =>
    Object.fromEntries(
      [...(attributes ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, name, value]) => [
        name,
        (value ?? '')
          .replace(/&amp;/g, '&')
          .replace(/&quot;/g, '"')
          .replace(/&#x27;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>'),
      ]),
    ),
  )
}
const metaContent = (html: string, key: string) =>
  tagsOf(html, 'meta')
    .filter((m) => m.property === key || m.name === key)
    .map((m) => m.content)

describe.each(SCOPES)('the feeds of %s', (_, base) => {
  describe.each(XML_FEEDS)('%s', (_format, file, contentType) => {
    let body: string
    let response: Response
    beforeAll(async () => {
      ;({ response, body } = await get(`${base}/${file}`))
    })

    it('is well-formed XML of its type, linking to itself', () => {
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(contentType)
      expect(XMLValidator.validate(body)).toBe(true)
      expect(parseFeed(body).self).toBe(`${siteUrl}${base}/${file}`)
    })

    it('carries the reference story in full: byline, link, every figure linked absolutely to its data', () => {
      const item = parseFeed(body).items.find((i) => i.title === HEADLINE)
      expect(item?.url).toBe(`${siteUrl}${STORY}`)
      expect(item?.authors.map((a) => a.name)).toEqual(['Ahn Sung-mi'])
      expect(item?.published?.toISOString()).toBe('2021-04-19T06:30:00.000Z')
      expect(figuresIn(item?.content ?? '')).toEqual(FIGURES)
      expect(item?.content).toContain('can start running from April.')
    })

    it('carries the photo with its caption and credit, at an absolute URL that serves it', async () => {
      const item = parseFeed(body).items.find((i) => i.title === HEADLINE)
      const media = item?.media[0]
      expect(media).toMatchObject({ type: 'image', title: 'North Korean flag' })
      expect(media?.url.startsWith(`${siteUrl}/media/images/`)).toBe(true)
      const image = await fetch(media?.url ?? '')
      expect(image.status).toBe(200)
      expect(image.headers.get('content-type')).toMatch(/^image\//)
      const doc = xml.parse(body)
      const entries = doc.rss?.channel.item ?? doc.feed.entry
      const raw = entries.find(
        (e: { title: string | { '#text': string } }) => (typeof e.title === 'string' ? e.title : e.title['#text']) === HEADLINE,
      )
      expect(raw['media:content']['media:description']['#text']).toBe('North Korean flag')
      expect(raw['media:content']['media:credit']).toBe('AFP-Yonhap')
    })
  })

  describe('JSON Feed', () => {
    let feed: {
      version: string
      feed_url: string
      items: Array<{ title: string; url: string; authors: unknown; image: string; tags: string[]; _trade_facts: { figures: unknown[] } }>
    }
    let response: Response
    beforeAll(async () => {
      const result = await get(`${base}/feed.json`)
      response = result.response
      feed = JSON.parse(result.body)
    })

    it('is JSON Feed 1.1, linking to itself', () => {
      expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
      expect(feed.feed_url).toBe(`${siteUrl}${base}/feed.json`)
    })

    it('lists the reference story with its author, image, tags and every figure as structured data', () => {
      const item = feed.items.find((i) => i.title === HEADLINE)
      expect(item).toMatchObject({
        url: `${siteUrl}${STORY}`,
        authors: [{ name: 'Ahn Sung-mi', url: `${siteUrl}/authors/ahn-sung-mi` }],
        tags: ['North Korea', 'Trade', 'China'],
      })
      expect(item?.image.startsWith(`${siteUrl}/media/images/`)).toBe(true)
      // The reported values, each released on its report's date (a month-only date counts from its last day).
      const reported = [
        [12_978_000, '2021-04-18T00:00:00.000Z'],
        [3_000, '2021-03-18T00:00:00.000Z'],
        [12_978_000, '2021-04-18T00:00:00.000Z'],
        [18_882_000, '2020-10-31T00:00:00.000Z'],
        [1_308_000, '2021-04-18T00:00:00.000Z'],
        [1_754_000, '2021-03-18T00:00:00.000Z'],
      ] as const
      expect(item?._trade_facts.figures).toEqual(
        reported.map(([value, releasedAt], i) => ({
          text: FIGURES[i]?.text,
          series: expect.objectContaining({ title: expect.stringMatching(/^North Korea's (imports from|exports to) China$/) }),
          period: FIGURES[i]?.href.slice(-7),
          value,
          unit: 'USD',
          source: 'Chinese customs data',
          status: 'provisional',
          released_at: releasedAt,
          value_at_publication: value,
          url: FIGURES[i]?.href,
          ...(i === 2
            ? {
                claim: {
                  verdict: 'supported',
                  note: 'supported by the data: September 2020 was as high or higher, and every month since lower',
                },
              }
            : {}),
        })),
      )
    })
  })
})

describe('feeds of one section or author', () => {
  it('list only that section’s stories', async () => {
    const feed = JSON.parse((await get('/sections/data-desk/feed.json')).body)
    expect(feed.items.length).toBeGreaterThan(0)
    for (const item of feed.items) expect(item.tags[0]).toBe('Data Desk')
  })

  it('list only that author’s stories', async () => {
    const feed = JSON.parse((await get('/authors/sample-kim-da-eun/feed.json')).body)
    expect(feed.items.length).toBeGreaterThan(0)
    for (const item of feed.items) expect(item.authors.map((a: { name: string }) => a.name)).toContain('Kim Da-eun (sample)')
  })

  it('answer 404 for a section or author that does not exist', async () => {
    expect((await get('/sections/no-such-section/rss.xml')).response.status).toBe(404)
    expect((await get('/authors/no-such-author/feed.json')).response.status).toBe(404)
  })
})

describe('conditional GET', () => {
  it.each(['/feeds/rss.xml', '/sections/north-korea/atom.xml', '/authors/ahn-sung-mi/feed.json'])(
    '%s answers 304 to its ETag and to its Last-Modified date, 200 to an older date',
    async (path) => {
      const { response } = await get(path)
      const etag = response.headers.get('etag') ?? ''
      const lastModified = response.headers.get('last-modified') ?? ''
      expect(etag).toMatch(/^W\/".+"$/)
      expect(Date.parse(lastModified)).not.toBeNaN()
      expect(response.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+.*stale-while-revalidate=\d+/)

      const byTag = await get(path, { 'if-none-match': etag })
      expect(byTag.response.status).toBe(304)
      expect(byTag.body).toBe('')
      expect((await get(path, { 'if-modified-since': lastModified })).response.status).toBe(304)
      const older = new Date(Date.parse(lastModified) - 1000).toUTCString()
      expect((await get(path, { 'if-modified-since': older })).response.status).toBe(200)
    },
  )
})

describe('feed discovery', () => {
  const alternates = (html: string) =>
    tagsOf(html, 'link')
      .filter((l) => l.rel === 'alternate' && l.type)
      .map(({ type, href, title }) => ({ type, href, title }))

  it('every page links the site’s feeds', async () => {
    for (const path of ['/', '/data/north-korea-imports-from-china', STORY]) {
      expect(alternates((await get(path)).body)).toEqual(
        expect.arrayContaining([
          { type: 'application/rss+xml', href: `${siteUrl}/feeds/rss.xml`, title: 'Factline' },
          { type: 'application/atom+xml', href: `${siteUrl}/feeds/atom.xml`, title: 'Factline' },
          { type: 'application/feed+json', href: `${siteUrl}/feeds/feed.json`, title: 'Factline' },
        ]),
      )
    }
  })

  it('section and author pages also link their own', async () => {
    expect(alternates((await get('/sections/north-korea')).body)).toContainEqual({
      type: 'application/rss+xml',
      href: `${siteUrl}/sections/north-korea/rss.xml`,
      title: 'Factline: North Korea',
    })
    expect(alternates((await get('/authors/ahn-sung-mi')).body)).toContainEqual({
      type: 'application/feed+json',
      href: `${siteUrl}/authors/ahn-sung-mi/feed.json`,
      title: 'Factline: Ahn Sung-mi',
    })
  })
})

describe('sitemaps and robots.txt', () => {
  it('sitemap.xml indexes pages that list stories, sections, authors and data pages with their dates', async () => {
    const { response, body } = await get('/sitemap.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(XMLValidator.validate(body)).toBe(true)
    const pages: Array<{ loc: string }> = xml.parse(body).sitemapindex.sitemap
    expect(pages.map((p) => p.loc)).toEqual(
      expect.arrayContaining(['sections-1', 'stories-1', 'authors-1', 'data-1'].map((p) => `${siteUrl}/sitemaps/${p}.xml`)),
    )
    const lastmod = new Map<string, string | undefined>()
    for (const { loc } of pages) {
      const page = await get(loc.slice(siteUrl.length))
      expect(page.response.status).toBe(200)
      expect(XMLValidator.validate(page.body)).toBe(true)
      for (const url of xml.parse(page.body).urlset.url as Array<{ loc: string; lastmod?: string }>) lastmod.set(url.loc, url.lastmod)
    }
    expect(lastmod.get(`${siteUrl}${STORY}`)).toBe('2021-04-19T06:30:00.000Z')
    expect(lastmod.get(`${siteUrl}/sections/north-korea`)).toBe('2021-04-19T06:30:00.000Z')
    expect(lastmod.get(`${siteUrl}/authors/ahn-sung-mi`)).toBe('2021-04-19T06:30:00.000Z')
    expect(lastmod.has(`${siteUrl}/data/north-korea-imports-from-china`)).toBe(true)
    expect(lastmod.has(`${siteUrl}/`)).toBe(true)
  })

  it('a sitemap page the index does not list is not found', async () => {
    for (const path of ['/sitemaps/stories-999.xml', '/sitemaps/tags-999.xml', '/sitemaps/topics-1.xml', '/sitemaps/stories-1'])
      expect((await get(path)).response.status).toBe(404)
  })

  it('robots.txt allows the site and points at the sitemap index and the news sitemap', async () => {
    const { body } = await get('/robots.txt')
    expect(body).toContain('Allow: /')
    expect(body).toContain('Disallow: /api/')
    expect(body).toContain(`Sitemap: ${siteUrl}/sitemap.xml`)
    expect(body).toContain(`Sitemap: ${siteUrl}/news-sitemap.xml`)
  })
})

describe('a story published now, and a draft', () => {
  const lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
  // A section no test has fetched yet, so nothing about it can be cached.
  const run = randomBytes(4).toString('hex')
  const section = {
    _id: `section.e2e-${run}`,
    _type: 'section',
    title: `Test section ${run}`,
    slug: { _type: 'slug', current: `e2e-${run}` },
  }
  const story = (id: string, slug: string, headline: string) => ({
    _id: id,
    _type: 'article',
    headline,
    slug: { _type: 'slug', current: slug },
    section: { _type: 'reference', _ref: section._id },
    authors: [{ _type: 'byline', _key: 'b1', author: { _type: 'reference', _ref: 'author.sample-lee-jun-seo' } }],
    publishedAt: new Date().toISOString(),
    body: [
      {
        _type: 'block',
        _key: 'p1',
        style: 'normal',
        markDefs: [],
        children: [{ _type: 'span', _key: 's1', text: 'Test content.', marks: [] }],
      },
    ],
  })
  const published = story(`e2e.fresh-${run}`, `fresh-${run}`, `Test content: published now & "fresh" ${run}`)
  const draft = story(`drafts.e2e.draft-${run}`, `draft-${run}`, `Test content: a draft ${run}`)

  beforeAll(async () => {
    await lake.transaction().createOrReplace(section).createOrReplace(published).createOrReplace(draft).commit()
  })
  afterAll(async () => {
    await lake.transaction().delete(published._id).delete(draft._id).delete(section._id).commit()
  })

  it('is in the Google News sitemap, named as Factline in English; the draft and older stories are not', async () => {
    const { response, body } = await get('/news-sitemap.xml')
    expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(XMLValidator.validate(body)).toBe(true)
    const doc = xml.parse(body).urlset
    expect(doc['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9')
    const entries: Array<{ loc: string; 'news:news': Record<string, unknown> }> = doc.url ?? []
    expect(entries.find((u) => u.loc === `${siteUrl}/articles/${published.slug.current}`)?.['news:news']).toEqual({
      'news:publication': { 'news:name': 'Factline', 'news:language': 'en' },
      'news:publication_date': published.publishedAt,
      'news:title': published.headline,
    })
    expect(body).not.toContain(draft.slug.current)
    expect(body).not.toContain(STORY)
  })

  it('is in its section’s feeds; the draft is in none', async () => {
    const json = JSON.parse((await get(`/sections/${section.slug.current}/feed.json`)).body)
    expect(json.items.map((i: { title: string }) => i.title)).toEqual([published.headline])
    const rss = parseFeed((await get(`/sections/${section.slug.current}/rss.xml`)).body)
    expect(rss.items.map((i) => i.url)).toEqual([`${siteUrl}/articles/${published.slug.current}`])
  })
})

describe('the reference story’s metadata', () => {
  let html: string
  beforeAll(async () => {
    html = (await get(STORY)).body
  })

  it('has its canonical URL, and Open Graph and Twitter cards', () => {
    expect(tagsOf(html, 'link').find((l) => l.rel === 'canonical')?.href).toBe(`${siteUrl}${STORY}`)
    expect(metaContent(html, 'og:type')).toEqual(['article'])
    expect(metaContent(html, 'og:title')).toEqual([HEADLINE])
    expect(metaContent(html, 'og:url')).toEqual([`${siteUrl}${STORY}`])
    expect(metaContent(html, 'article:published_time')).toEqual(['2021-04-19T06:30:00.000Z'])
    expect(metaContent(html, 'article:section')).toEqual(['North Korea'])
    expect(metaContent(html, 'article:author')).toEqual([`${siteUrl}/authors/ahn-sung-mi`])
    expect(metaContent(html, 'og:image:alt')).toEqual([`Factline | North Korea: ${HEADLINE}`])
    expect(metaContent(html, 'twitter:card')).toEqual(['summary_large_image'])
    expect(metaContent(html, 'twitter:image')).toEqual(metaContent(html, 'og:image'))
  })

  it('has a generated social image that serves as a PNG', async () => {
    const [image] = metaContent(html, 'og:image')
    expect(image?.startsWith(`${siteUrl}${STORY}/opengraph-image`)).toBe(true)
    const response = await fetch(image ?? '')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000)
  })

  it('describes the story as a NewsArticle in JSON-LD', () => {
    const scripts = [...html.matchAll(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/gs)].map(([, json]) =>
      JSON.parse(json ?? ''),
    )
    expect(scripts).toHaveLength(1)
    expect(scripts[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: HEADLINE,
      datePublished: '2021-04-19T06:30:00.000Z',
      dateModified: '2021-04-19T06:30:00.000Z',
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${siteUrl}${STORY}` },
      author: [{ '@type': 'Person', name: 'Ahn Sung-mi', url: `${siteUrl}/authors/ahn-sung-mi` }],
      image: { '@type': 'ImageObject', caption: 'North Korean flag', creditText: 'AFP-Yonhap' },
      publisher: { '@type': 'Organization', name: 'Factline' },
    })
  })
})
