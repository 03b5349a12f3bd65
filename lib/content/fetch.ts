import 'server-only'
import type { QueryParams } from '@sanity/client'
import { draftMode } from 'next/headers'
import { decodeRouteParam } from '@/lib/routes/routeParam'
import { listingSlice } from '@/lib/site/listingPages'
import type { SearchRequest } from '@/lib/site/search'
import { createContentClient, type Patience } from './client'
import { contentSourceFromEnv } from './config'
import { lakeKnownDown, lakePingAt, noteLakeReach } from './lakeReach.mjs'
import { ContentUnavailableError, isLakeUnreachable, LastGoodAnswers } from './lastGoodAnswers'
import { normaliseContent } from './normaliseContent'
import {
  ARTICLE_QUERY,
  AUTHOR_FEED_QUERY,
  AUTHOR_QUERY,
  AUTHORS_INDEX_QUERY,
  CORRECTIONS_QUERY,
  FEED_AUTHOR_QUERY,
  FEED_SECTION_QUERY,
  FEED_STORY_QUERY,
  FEED_TAG_QUERY,
  HOME_QUERY,
  NEWS_SITEMAP_QUERY,
  RELATED_QUERY,
  SEARCH_QUERY,
  SECTION_FEED_QUERY,
  SECTION_QUERY,
  SECTIONS_INDEX_QUERY,
  SECTIONS_QUERY,
  SERIES_INDEX_QUERY,
  SERIES_QUERY,
  SITE_FEED_QUERY,
  SITEMAP_AUTHORS_QUERY,
  SITEMAP_INDEX_QUERY,
  SITEMAP_SECTIONS_QUERY,
  SITEMAP_SERIES_QUERY,
  SITEMAP_STORIES_QUERY,
  SITEMAP_TAGS_QUERY,
  SOCIAL_CARD_QUERY,
  TAG_FEED_QUERY,
  TAG_QUERY,
} from './queries'

/** Cache tag on every content fetch, so one revalidation refreshes what a publish can touch. */
export const CONTENT_TAG = 'content'
/** Seconds a page may be served before Next refetches it in the background. */
export const REVALIDATE_SECONDS = 60

/** Last good answers kept per server process, about as many entries as Next.js's own cache holds. */
const LAST_GOOD_ANSWERS = 1_000

/**
 * Readers' requests wait at most this long for one query before the page falls back to its last
 * good copy (the client's default is five minutes). One quick retry covers a dropped keep-alive
 * connection; the default (five, backing off) made a lake that refuses connections cost three
 * seconds per query before anything was served.
 */
const READERS_PATIENCE = { timeout: 5_000, maxRetries: 1, retryDelay: () => 50 } satisfies Patience
/** While the last request to the lake failed, the next ones wait less: a hung lake cost a feed 5 s a query. */
const OUTAGE_TIMEOUT_MS = 1_000

const client = createContentClient(contentSourceFromEnv(), READERS_PATIENCE)
lakePingAt(client.config().url)
// One store per process: each route bundle loads this module, and they share what they learnt.
const holder = globalThis as { __factlineLastGood?: LastGoodAnswers }
holder.__factlineLastGood ??= new LastGoodAnswers(LAST_GOOD_ANSWERS)
const lastGood = holder.__factlineLastGood

/**
 * Published content, cached by Next.js under the content tag. When the lake cannot be reached,
 * the last answer this process had for the same query, so a page or feed readers already had
 * renders again (the failed fetch still registers its tag, and the cache handler keeps such a
 * page only seconds: lib/cache/pageCacheHandler.mjs); with no such answer, ContentUnavailableError.
 */
async function load<const Q extends string>(query: Q, params: QueryParams = {}): ReturnType<typeof fetchPublished<Q>> {
  const key = JSON.stringify([query, params])
  try {
    const answer = await fetchPublished(query, params)
    noteLakeReach(true)
    lastGood.remember(key, answer)
    return answer
  } catch (error) {
    if (!isLakeUnreachable(error)) throw error
    noteLakeReach(false)
    const kept = lastGood.recall(key)
    if (!kept) throw new ContentUnavailableError(error)
    return kept.answer as Awaited<ReturnType<typeof fetchPublished<Q>>>
  }
}

// Every answer is normalised as it enters the app (lib/content/normaliseContent.ts): stored content
// is schemaless at read time, and one malformed story must not break every page that lists it.
async function fetchPublished<const Q extends string>(query: Q, params: QueryParams) {
  const timeout = lakeKnownDown() ? OUTAGE_TIMEOUT_MS : READERS_PATIENCE.timeout
  return normaliseContent(await client.fetch(query, params, { next: { revalidate: REVALIDATE_SECONDS, tags: [CONTENT_TAG] }, timeout }))
}

/**
 * What a page shows: published content, cached, unless this browser is in draft preview; then
 * drafts over published, read with the server's token and never cached, so a draft reaches only
 * the editor previewing it. Feeds and sitemaps use `load`, so they never see drafts.
 */
async function loadPage<const Q extends string>(query: Q, params: QueryParams = {}) {
  if (!(await draftMode()).isEnabled) return load(query, params)
  return normaliseContent(await client.fetch(query, params, { perspective: 'drafts', cache: 'no-store' }))
}

export const loadHome = () => loadPage(HOME_QUERY)
export const loadSections = () => loadPage(SECTIONS_QUERY)
// Loaders taking a slug take it as the route gave it (lib/routes/routeParam.ts).
export const loadArticle = (slug: string) => loadPage(ARTICLE_QUERY, { slug: decodeRouteParam(slug) })
/** A section or author with page `page` of their stories (lib/site/listingPages.ts). */
export const loadSection = (slug: string, page: number) => loadPage(SECTION_QUERY, { slug: decodeRouteParam(slug), ...listingSlice(page) })
export const loadAuthor = (slug: string, page: number) => loadPage(AUTHOR_QUERY, { slug: decodeRouteParam(slug), ...listingSlice(page) })
export const loadTag = (slug: string, page: number) => loadPage(TAG_QUERY, { slug: decodeRouteParam(slug), ...listingSlice(page) })
export const loadSeries = (slug: string) => loadPage(SERIES_QUERY, { slug: decodeRouteParam(slug) })
export const loadSectionsIndex = () => loadPage(SECTIONS_INDEX_QUERY)
export const loadAuthorsIndex = () => loadPage(AUTHORS_INDEX_QUERY)
/** Page `page` of the data series, in order of title (lib/site/listingPages.ts). */
export const loadSeriesIndex = (page: number) => loadPage(SERIES_INDEX_QUERY, listingSlice(page))
/** "More on this": up to five other stories citing any of `refs` (a story's tags, section and series), newest first. */
export const loadRelated = (id: string, refs: string[]) => (refs.length === 0 ? Promise.resolve([]) : loadPage(RELATED_QUERY, { id, refs }))

/**
 * One page of search results (lib/site/search.ts), never cached: each reader's words make a
 * new query, and caching them would let anyone fill the cache with made-up searches. Published only.
 */
export async function loadSearch({ terms, page }: SearchRequest) {
  const timeout = lakeKnownDown() ? OUTAGE_TIMEOUT_MS : READERS_PATIENCE.timeout
  try {
    return normaliseContent(
      await client.fetch(SEARCH_QUERY, { terms, ...listingSlice(page) }, { perspective: 'published', cache: 'no-store', timeout }),
    )
  } catch (error) {
    // The lake stops a query past its time limit: words in too many stories to rank in time.
    if ((error as { details?: { type?: string } }).details?.type === 'queryTimeout') return TOO_BROAD
    throw error
  }
}
/** A search the content source could not rank in time: the page asks the reader for more words. */
export const TOO_BROAD = 'too broad'

export const loadSiteFeed = () => load(SITE_FEED_QUERY)
/** One published story in full, as feeds carry it: its ninjs. */
export const loadFeedStory = (slug: string) => load(FEED_STORY_QUERY, { slug: decodeRouteParam(slug) })
/** The section first, then its stories by reference: two indexed lookups instead of a scan. */
export async function loadSectionFeed(slug: string) {
  const section = await load(FEED_SECTION_QUERY, { slug: decodeRouteParam(slug) })
  return section && { section, articles: await load(SECTION_FEED_QUERY, { id: section._id }) }
}
export async function loadAuthorFeed(slug: string) {
  const author = await load(FEED_AUTHOR_QUERY, { slug: decodeRouteParam(slug) })
  return author && { author, articles: await load(AUTHOR_FEED_QUERY, { id: author._id }) }
}
export async function loadTagFeed(slug: string) {
  const tag = await load(FEED_TAG_QUERY, { slug: decodeRouteParam(slug) })
  return tag && { tag, articles: await load(TAG_FEED_QUERY, { id: tag._id }) }
}
export const loadSitemapIndex = () => load(SITEMAP_INDEX_QUERY)
/** One page of a sitemap: documents `start` (inclusive) to `end` (exclusive) of its kind, in its order. */
export const loadSitemapPage = {
  stories: (start: number, end: number) => load(SITEMAP_STORIES_QUERY, { start, end }),
  sections: (start: number, end: number) => load(SITEMAP_SECTIONS_QUERY, { start, end }),
  authors: (start: number, end: number) => load(SITEMAP_AUTHORS_QUERY, { start, end }),
  data: (start: number, end: number) => load(SITEMAP_SERIES_QUERY, { start, end }),
  tags: (start: number, end: number) => load(SITEMAP_TAGS_QUERY, { start, end }),
}
export const loadNewsSitemap = () => load(NEWS_SITEMAP_QUERY)
/** Published only, like feeds: a shared card is public, and is built without a request at build time. */
export const loadSocialCard = (slug: string) => load(SOCIAL_CARD_QUERY, { slug: decodeRouteParam(slug) })
/** Published only, like feeds: the corrections page and its feeds. */
export const loadCorrections = () => load(CORRECTIONS_QUERY)
