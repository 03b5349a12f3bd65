import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ABOUT_PATH,
  AUTHORS_PATH,
  absoluteUrl,
  authorPath,
  CONTACT_PATH,
  CORRECTIONS_PATH,
  correctionPath,
  DATA_PATH,
  draftPreviewPath,
  embedChartPath,
  embedFigurePath,
  exitDraftPreviewPath,
  feedPath,
  HOME_PATH,
  LIVE_EVENTS_PATH,
  listingPagePath,
  NEWS_SITEMAP_PATH,
  NINJS_EXTENSION_PATH,
  ninjsPath,
  oembedPath,
  PRIVACY_PATH,
  REVALIDATE_PATH,
  SEARCH_PATH,
  SECTIONS_PATH,
  SITE_FEEDS_BASE,
  SITEMAP_INDEX_PATH,
  searchPath,
  sectionPath,
  seriesDownloadPath,
  seriesPath,
  sitemapPagePath,
  storyPath,
  tagPath,
} from '@/lib/site/paths'

const appDir = path.resolve(import.meta.dirname, '../../app')

/**
 * Each address the site builds, what it is, and the app/ file that serves it: a route renamed in
 * app/ without its builder (or the reverse) fails here rather than as a link that is not found.
 */
const ADDRESSES: Array<[string, string, string, string]> = [
  ['the home page', '/', 'page.tsx', HOME_PATH],
  ['a story', '/articles/nk-imports', 'articles/[slug]/page.tsx', storyPath('nk-imports')],
  ['a story’s ninjs', '/articles/nk-imports/ninjs.json', 'articles/[slug]/ninjs.json/route.ts', ninjsPath(storyPath('nk-imports'))],
  ['a correction in its story', '/articles/nk-imports#correction-c1', 'articles/[slug]/page.tsx', correctionPath('nk-imports', 'c1')],
  ['the sections', '/sections', 'sections/page.tsx', SECTIONS_PATH],
  ['a section', '/sections/economy', 'sections/[slug]/[[...page]]/page.tsx', sectionPath('economy')],
  [
    'an older page of a section',
    '/sections/economy/page/3',
    'sections/[slug]/[[...page]]/page.tsx',
    listingPagePath(sectionPath('economy'), 3),
  ],
  ['a section’s feed', '/sections/economy/atom.xml', 'sections/[slug]/atom.xml/route.ts', feedPath(sectionPath('economy'), 'atom')],
  ['the authors', '/authors', 'authors/page.tsx', AUTHORS_PATH],
  ['an author', '/authors/ahn', 'authors/[slug]/[[...page]]/page.tsx', authorPath('ahn')],
  ['an author’s feed', '/authors/ahn/feed.json', 'authors/[slug]/feed.json/route.ts', feedPath(authorPath('ahn'), 'json')],
  ['a topic', '/tags/sanctions', 'tags/[slug]/[[...page]]/page.tsx', tagPath('sanctions')],
  ['a topic’s ninjs feed', '/tags/sanctions/ninjs.json', 'tags/[slug]/ninjs.json/route.ts', ninjsPath(tagPath('sanctions'))],
  ['the data series', '/data', 'data/page.tsx', DATA_PATH],
  ['an older page of the data series', '/data/page/2', 'data/page/[n]/page.tsx', listingPagePath(DATA_PATH, 2)],
  ['a series', '/data/china-dprk', 'data/[series]/page.tsx', seriesPath('china-dprk')],
  ['one period of a series', '/data/china-dprk#period-2021-03', 'data/[series]/page.tsx', seriesPath('china-dprk', '2021-03')],
  [
    'a series as CSV',
    '/data/china-dprk/observations.csv',
    'data/[series]/observations.csv/route.ts',
    seriesDownloadPath('china-dprk', 'csv'),
  ],
  [
    'a series as JSON',
    '/data/china-dprk/observations.json',
    'data/[series]/observations.json/route.ts',
    seriesDownloadPath('china-dprk', 'json'),
  ],
  ['a chart embed', '/embed/chart/china-dprk', 'embed/chart/[series]/page.tsx', embedChartPath('china-dprk')],
  [
    'a figure embed',
    '/embed/figure/china-dprk/2021-03',
    'embed/figure/[series]/[period]/page.tsx',
    embedFigurePath('china-dprk', '2021-03'),
  ],
  ['the site’s RSS', '/feeds/rss.xml', 'feeds/rss.xml/route.ts', feedPath(SITE_FEEDS_BASE, 'rss')],
  ['the site’s ninjs feed', '/feeds/ninjs.json', 'feeds/ninjs.json/route.ts', ninjsPath(SITE_FEEDS_BASE)],
  ['the corrections', '/corrections', 'corrections/page.tsx', CORRECTIONS_PATH],
  ['the corrections’ feed', '/corrections/rss.xml', 'corrections/rss.xml/route.ts', feedPath(CORRECTIONS_PATH, 'rss')],
  ['search', '/search', 'search/page.tsx', SEARCH_PATH],
  ['a page of results', '/search?q=china+exports&page=2', 'search/page.tsx', searchPath(['china', 'exports'], 2)],
  ['about', '/about', 'about/page.tsx', ABOUT_PATH],
  ['contact', '/contact', 'contact/page.tsx', CONTACT_PATH],
  ['privacy', '/privacy', 'privacy/page.tsx', PRIVACY_PATH],
  ['the sitemap index', '/sitemap.xml', 'sitemap.xml/route.ts', SITEMAP_INDEX_PATH],
  ['a sitemap page', '/sitemaps/stories-3.xml', 'sitemaps/[file]/route.ts', sitemapPagePath('stories', 3)],
  ['the news sitemap', '/news-sitemap.xml', 'news-sitemap.xml/route.ts', NEWS_SITEMAP_PATH],
  ['the ninjs extension schema', '/schemas/ninjs-factline-1.0.json', 'schemas/ninjs-factline-1.0.json/route.ts', NINJS_EXTENSION_PATH],
  [
    'oEmbed for a page',
    '/api/oembed?url=https%3A%2F%2Fnews.example%2Fdata%2Fx&format=json',
    'api/oembed/route.ts',
    oembedPath('https://news.example/data/x'),
  ],
  ['the live events', '/api/live', 'api/live/route.ts', LIVE_EVENTS_PATH],
  ['the revalidation webhook', '/api/revalidate', 'api/revalidate/route.ts', REVALIDATE_PATH],
  [
    'draft preview',
    '/api/draft-mode/enable?secret=s3cret&redirect=%2Farticles%2Fa',
    'api/draft-mode/enable/route.ts',
    draftPreviewPath('s3cret', '/articles/a'),
  ],
  [
    'leaving draft preview',
    '/api/draft-mode/disable?redirect=%2Farticles%2Fa',
    'api/draft-mode/disable/route.ts',
    exitDraftPreviewPath('/articles/a'),
  ],
]

describe('the site’s addresses', () => {
  it.each(ADDRESSES)('%s is %s, served by app/%s', (_, expected, appFile, built) => {
    expect(built).toBe(expected)
    expect(existsSync(path.join(appDir, appFile)), `app/${appFile}`).toBe(true)
  })

  it('encodes an embed’s segments, which partners paste into HTML of their own', () => {
    expect(embedFigurePath('a b/c', '2021-03')).toBe('/embed/figure/a%20b%2Fc/2021-03')
  })

  it('makes a path absolute on the public origin, percent-encoded', () => {
    expect(absoluteUrl(storyPath('한'), 'https://news.example')).toBe('https://news.example/articles/%ED%95%9C')
    expect(absoluteUrl(HOME_PATH, 'https://news.example')).toBe('https://news.example/')
  })
})
