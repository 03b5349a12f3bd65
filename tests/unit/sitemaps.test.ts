import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import {
  authorEntries,
  buildNewsSitemap,
  buildSitemapIndex,
  buildSitemapPage,
  dataEntries,
  pageRange,
  robotsFor,
  SITEMAP_PAGES,
  sectionEntries,
  sitemapPageOf,
  storyEntries,
  tagEntries,
} from '@/lib/feeds/sitemaps'
import { fact, PUBLISHED_AT } from './feedFixtures'

const SITE = 'https://factline.example'
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  processEntities: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
})

describe('the sitemap index', () => {
  const { stories, authors } = { stories: SITEMAP_PAGES.stories.size, authors: SITEMAP_PAGES.authors.size }
  const counts = { stories: 2 * stories + 1, sections: 0, authors, series: 0, tags: 1 }
  const index = buildSitemapIndex(counts, SITE)

  it('lists every page of every kind, the home and sections page even without sections, and no empty kind', () => {
    expect(XMLValidator.validate(index)).toBe(true)
    const parsed = xml.parse(index).sitemapindex
    expect(parsed['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    expect(parsed.sitemap.map((s: { loc: string }) => s.loc)).toEqual([
      `${SITE}/sitemaps/sections-1.xml`,
      `${SITE}/sitemaps/stories-1.xml`,
      `${SITE}/sitemaps/stories-2.xml`,
      `${SITE}/sitemaps/stories-3.xml`,
      `${SITE}/sitemaps/authors-1.xml`,
      `${SITE}/sitemaps/tags-1.xml`,
    ])
  })

  it('knows the pages it lists, and no others', () => {
    expect(sitemapPageOf('stories-3.xml', counts)).toEqual({ kind: 'stories', page: 3 })
    expect(sitemapPageOf('sections-1.xml', counts)).toEqual({ kind: 'sections', page: 1 })
    for (const name of [
      'stories-4.xml',
      'stories-0.xml',
      'stories-01.xml',
      'authors-2.xml',
      'data-1.xml',
      'stories-1',
      'tags-2.xml',
      'stories-1.xml.gz',
    ])
      expect(sitemapPageOf(name, counts)).toBeUndefined()
  })

  it('gives each page its slice of its kind', () => {
    expect(pageRange({ kind: 'stories', page: 1 })).toEqual({ start: 0, end: stories })
    expect(pageRange({ kind: 'stories', page: 3 })).toEqual({ start: 2 * stories, end: 3 * stories })
  })
})

describe('a sitemap page', () => {
  it('lists stories with a web address and a date, dated by their last update, correction or data revision after publication', () => {
    const story = { corrections: null, body: null }
    expect(
      storyEntries([
        { ...story, slug: 'newer', publishedAt: '2021-04-19T06:30:00Z', updatedAt: '2021-04-20T01:00:00Z' },
        { ...story, slug: 'older', publishedAt: '2021-04-18T00:00:00Z', updatedAt: null },
        { ...story, slug: 'corrected-before', publishedAt: '2021-04-18T00:00:00Z', updatedAt: '2021-04-17T00:00:00Z' },
        {
          ...story,
          slug: 'corrected',
          publishedAt: '2021-04-18T00:00:00Z',
          updatedAt: null,
          corrections: [{ date: '2021-04-22T00:00:00Z' }],
        },
        // Its figure's data was revised on May 18, 2021, after it was published (feedFixtures).
        {
          ...story,
          slug: 'revised',
          publishedAt: PUBLISHED_AT,
          updatedAt: null,
          body: [{ _type: 'block', children: [fact('f1', '2021-03', '$12.98 million')] }],
        },
        { ...story, slug: null, publishedAt: '2021-04-18T00:00:00Z', updatedAt: null },
        { ...story, slug: 'undated', publishedAt: null, updatedAt: null },
      ]),
    ).toEqual([
      { path: '/articles/newer', lastModified: '2021-04-20T01:00:00.000Z' },
      { path: '/articles/older', lastModified: '2021-04-18T00:00:00Z' },
      { path: '/articles/corrected-before', lastModified: '2021-04-18T00:00:00Z' },
      { path: '/articles/corrected', lastModified: '2021-04-22T00:00:00.000Z' },
      { path: '/articles/revised', lastModified: '2021-05-18T02:00:00.000Z' },
    ])
  })

  it('dates the home page and each listing by its newest story, or the listing itself without one, a data page by either', () => {
    const data = {
      home: { publishedAt: '2021-04-19T06:30:00Z', updatedAt: '2021-04-20T01:00:00Z' },
      sections: [
        { slug: 'north-korea', _updatedAt: '2020-01-01T00:00:00Z', newest: { publishedAt: '2021-04-19T06:30:00Z', updatedAt: null } },
        { slug: 'empty', _updatedAt: '2020-02-02T00:00:00Z', newest: null },
        { slug: null, _updatedAt: '2020-02-02T00:00:00Z', newest: null },
      ],
    }
    expect(sectionEntries(data, 1)).toEqual([
      { path: '/', lastModified: '2021-04-20T01:00:00Z' },
      { path: '/sections' },
      { path: '/authors' },
      { path: '/data' },
      { path: '/sections/north-korea', lastModified: '2021-04-19T06:30:00Z' },
      { path: '/sections/empty', lastModified: '2020-02-02T00:00:00Z' },
    ])
    expect(sectionEntries(data, 2).map((e) => e.path)).toEqual(['/sections/north-korea', '/sections/empty'])
    expect(sectionEntries({ home: null, sections: [] }, 1)).toEqual([
      { path: '/' },
      { path: '/sections' },
      { path: '/authors' },
      { path: '/data' },
    ])
    expect(
      authorEntries([
        {
          slug: 'ahn-sung-mi',
          _updatedAt: '2020-01-01T00:00:00Z',
          newest: { publishedAt: '2021-04-18T00:00:00Z', updatedAt: '2021-04-20T01:00:00Z' },
        },
      ]),
    ).toEqual([{ path: '/authors/ahn-sung-mi', lastModified: '2021-04-20T01:00:00Z' }])
    expect(
      dataEntries([
        { slug: 'revised-since', _updatedAt: '2021-05-18T02:00:00Z', newest: { publishedAt: '2021-04-19T06:30:00Z', updatedAt: null } },
        { slug: 'cited-since', _updatedAt: '2021-05-18T02:00:00Z', newest: { publishedAt: '2021-06-01T00:00:00Z', updatedAt: null } },
        { slug: 'never-cited', _updatedAt: '2021-05-18T02:00:00Z', newest: null },
      ]),
    ).toEqual([
      { path: '/data/revised-since', lastModified: '2021-05-18T02:00:00Z' },
      { path: '/data/cited-since', lastModified: '2021-06-01T00:00:00Z' },
      { path: '/data/never-cited', lastModified: '2021-05-18T02:00:00Z' },
    ])
    expect(
      tagEntries([
        { slug: 'trade', _updatedAt: '2020-01-01T00:00:00Z', newest: { publishedAt: '2021-04-19T06:30:00Z', updatedAt: null } },
        { slug: 'unused', _updatedAt: '2020-03-03T00:00:00Z', newest: null },
      ]),
    ).toEqual([
      { path: '/tags/trade', lastModified: '2021-04-19T06:30:00Z' },
      { path: '/tags/unused', lastModified: '2020-03-03T00:00:00Z' },
    ])
  })

  it('is a well-formed urlset of absolute URLs with their lastmod', () => {
    const page = buildSitemapPage([{ path: '/' }, { path: '/articles/a story & <more>', lastModified: '2021-04-19T06:30:00Z' }], SITE)
    expect(XMLValidator.validate(page)).toBe(true)
    const parsed = xml.parse(page).urlset
    expect(parsed['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    expect(parsed.url).toEqual([
      { loc: `${SITE}/` },
      { loc: `${SITE}/articles/a%20story%20&amp;%20%3Cmore%3E`, lastmod: '2021-04-19T06:30:00Z' },
    ])
  })
})

describe('the Google News sitemap', () => {
  const xml = buildNewsSitemap(
    [
      { headline: 'Trade & "sanctions" <update> &nbsp;\u0001', slug: 'fresh', publishedAt: '2026-11-28T01:00:00Z' },
      { headline: 'Undated', slug: 'undated', publishedAt: null },
    ],
    SITE,
  )
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: false }).parse(xml)

  it('is well-formed, in the sitemap and news namespaces', () => {
    expect(XMLValidator.validate(xml)).toBe(true)
    expect(parsed.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    expect(parsed.urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9')
  })

  it('names the publication, language, date and title of each dated story', () => {
    expect(parsed.urlset.url).toEqual({
      loc: `${SITE}/articles/fresh`,
      'news:news': {
        'news:publication': { 'news:name': 'Factline', 'news:language': 'en' },
        'news:publication_date': '2026-11-28T01:00:00Z',
        'news:title': 'Trade &amp; "sanctions" &lt;update&gt; &amp;nbsp;',
      },
    })
  })
})

describe('the Google News sitemap with no story from the last two days', () => {
  // The sitemap schema's urlset holds one url or more; an empty one fails validation.
  it.each([
    ['no stories', []],
    ['only undated stories', [{ headline: 'Undated', slug: 'undated', publishedAt: null }]],
  ])('with %s lists the front page alone, without news metadata', (_, stories) => {
    const xml = buildNewsSitemap(stories, SITE)
    expect(XMLValidator.validate(xml)).toBe(true)
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml)
    expect(parsed.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    expect(parsed.urlset.url).toEqual({ loc: `${SITE}/` })
  })
})

describe('robots.txt', () => {
  it('allows the site, keeps crawlers off the API, and points at the sitemap index and the news sitemap', () => {
    expect(robotsFor(SITE)).toEqual({
      rules: { userAgent: '*', allow: '/', disallow: '/api/' },
      sitemap: [`${SITE}/sitemap.xml`, `${SITE}/news-sitemap.xml`],
    })
  })
})
