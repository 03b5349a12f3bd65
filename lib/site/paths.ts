import { EMBED_PATH_PREFIX } from '../security/contentSecurityPolicy.mjs'

/**
 * Every public address of the site, built here and nowhere else: pages, listings, data, feeds,
 * embeds, sitemaps and API routes. The app/ folders must match these; tests/unit/sitePaths.test.ts
 * names each one.
 *
 * Page slugs go in as stored (the App Router and `new URL` percent-encode what needs it); embed
 * segments are encoded because partners paste them into HTML of their own.
 */

export const HOME_PATH = '/'
export const SECTIONS_PATH = '/sections'
export const AUTHORS_PATH = '/authors'
export const DATA_PATH = '/data'
export const CORRECTIONS_PATH = '/corrections'
export const SEARCH_PATH = '/search'
export const ABOUT_PATH = '/about'
export const CONTACT_PATH = '/contact'
export const PRIVACY_PATH = '/privacy'

/** The canonical address of a page of search results: the words as normalised, the page after the first. */
export function searchPath(words: string[], page = 1): string {
  const params = new URLSearchParams({ q: words.join(' ') })
  if (page > 1) params.set('page', String(page))
  return `${SEARCH_PATH}?${params}`
}

/** A slug as the queries type it: TypeGen cannot know that a projected slug is present. */
type Slug = string | null

export const storyPath = (slug: Slug) => `/articles/${slug}`
export const sectionPath = (slug: Slug) => `${SECTIONS_PATH}/${slug}`
export const authorPath = (slug: Slug) => `${AUTHORS_PATH}/${slug}`
export const tagPath = (slug: Slug) => `/tags/${slug}`

/** Page `page` of the listing at `base` (a section, author, tag, the data index, search): page 1 is the listing itself. */
export const listingPagePath = (base: string, page: number) => (page === 1 ? base : `${base}/page/${page}`)

/** A correction's note, under the story it corrects. */
export const correctionPath = (storySlug: Slug, key: string) => `${storyPath(storySlug)}#correction-${key}`

/** A series' data page, or one period's row on it (the anchor figures link to). */
export const seriesPath = (slug: Slug, period?: string) => `${DATA_PATH}/${slug}${period ? `#period-${period}` : ''}`
/** Every release of every value of a series, as CSV or JSON. */
export const seriesDownloadPath = (slug: Slug, format: 'csv' | 'json') => `${seriesPath(slug)}/observations.${format}`

/** The path segment all embeds sit under (`embed`), for the layout that drops the site's chrome around them. */
export const EMBED_SEGMENT = EMBED_PATH_PREFIX.slice(1, -1)
export const embedChartPath = (seriesSlug: string) => `${EMBED_PATH_PREFIX}chart/${encodeURIComponent(seriesSlug)}`
export const embedFigurePath = (seriesSlug: string, period: string) =>
  `${EMBED_PATH_PREFIX}figure/${encodeURIComponent(seriesSlug)}/${encodeURIComponent(period)}`

/** The file each feed format is served as, beside the page it follows. */
export const FEED_FILES = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' } as const
export type FeedFormat = keyof typeof FEED_FILES
/** Where the whole site's feeds sit; a section's, author's or tag's sit under its page, the corrections' under theirs. */
export const SITE_FEEDS_BASE = '/feeds'
export const feedPath = (feedBase: string, format: FeedFormat) => `${feedBase}/${FEED_FILES[format]}`
/** A feed's or a story's IPTC ninjs document, beside it. */
export const ninjsPath = (base: string) => `${base}/ninjs.json`
export const NINJS_EXTENSION_PATH = '/schemas/ninjs-factline-1.0.json'

export const SITEMAP_INDEX_PATH = '/sitemap.xml'
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml'
/** Pages are numbered from 1: `/sitemaps/stories-3.xml`. */
export const sitemapPagePath = (kind: string, page: number) => `/sitemaps/${kind}-${page}.xml`

/** The site's images when the embedded lake serves them (Sanity's CDN serves a hosted project's). */
export const MEDIA_PATH = '/media'

/** API routes: not pages, so robots.txt keeps crawlers out of them. */
export const API_PATH_PREFIX = '/api/'
/** The oEmbed endpoint (https://oembed.com), JSON only. */
export const OEMBED_PATH = `${API_PATH_PREFIX}oembed`
export const LIVE_EVENTS_PATH = `${API_PATH_PREFIX}live`
export const REVALIDATE_PATH = `${API_PATH_PREFIX}revalidate`
export const oembedPath = (pageUrl: string) => `${OEMBED_PATH}?url=${encodeURIComponent(pageUrl)}&format=json`
/** Draft preview on, opening `redirect` (a path on the site); off again, back at `redirect`. */
export const draftPreviewPath = (secret: string, redirect: string) =>
  `${API_PATH_PREFIX}draft-mode/enable?${new URLSearchParams({ secret, redirect })}`
export const exitDraftPreviewPath = (redirect: string) => `${API_PATH_PREFIX}draft-mode/disable?${new URLSearchParams({ redirect })}`

/** A path as an absolute URL on the site's public origin: for feeds, sitemaps and cards, which are read away from the site. */
export function absoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, `${siteUrl}/`).href
}
