import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { buildNewsSitemap, robotsFor, sitemapEntries } from '@/lib/feeds/sitemaps'

const SITE = 'https://factline.example'

describe('sitemap.xml', () => {
  const entries = sitemapEntries(
    {
      articles: [
        {
          slug: 'newer',
          publishedAt: '2021-04-19T06:30:00Z',
          updatedAt: '2021-04-20T01:00:00Z',
          _updatedAt: '2026-01-01T00:00:00Z',
          section: 'north-korea',
          authors: ['ahn-sung-mi'],
        },
        {
          slug: 'older',
          publishedAt: '2021-04-18T00:00:00Z',
          updatedAt: null,
          _updatedAt: '2026-01-01T00:00:00Z',
          section: 'economy',
          authors: ['ahn-sung-mi'],
        },
      ],
      sections: [
        { slug: 'north-korea', _updatedAt: '2020-01-01T00:00:00Z' },
        { slug: 'empty', _updatedAt: '2020-02-02T00:00:00Z' },
      ],
      authors: [{ slug: 'ahn-sung-mi', _updatedAt: '2020-01-01T00:00:00Z' }],
      series: [{ slug: 'north-korea-imports-from-china', _updatedAt: '2021-05-18T02:00:00Z' }],
    },
    SITE,
  )

  it('lists the home page, every story, section, author and data page, with absolute URLs and lastmod', () => {
    expect(entries).toEqual([
      { url: `${SITE}/`, lastModified: '2021-04-20T01:00:00Z' },
      { url: `${SITE}/articles/newer`, lastModified: '2021-04-20T01:00:00Z' },
      { url: `${SITE}/articles/older`, lastModified: '2021-04-18T00:00:00Z' },
      { url: `${SITE}/sections/north-korea`, lastModified: '2021-04-20T01:00:00Z' },
      { url: `${SITE}/sections/empty`, lastModified: '2020-02-02T00:00:00Z' },
      { url: `${SITE}/authors/ahn-sung-mi`, lastModified: '2021-04-20T01:00:00Z' },
      { url: `${SITE}/data/north-korea-imports-from-china`, lastModified: '2021-05-18T02:00:00Z' },
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

describe('robots.txt', () => {
  it('allows the site, keeps crawlers off the API, and points at both sitemaps', () => {
    expect(robotsFor(SITE)).toEqual({
      rules: { userAgent: '*', allow: '/', disallow: '/api/' },
      sitemap: [`${SITE}/sitemap.xml`, `${SITE}/news-sitemap.xml`],
    })
  })
})
