import 'server-only'
import type { QueryParams } from '@sanity/client'
import { draftMode } from 'next/headers'
import { createContentClient } from './client'
import { contentSourceFromEnv } from './config'
import { listingSlice } from './listingPages'
import {
  ARTICLE_QUERY,
  AUTHOR_FEED_QUERY,
  AUTHOR_QUERY,
  CORRECTIONS_QUERY,
  FEED_AUTHOR_QUERY,
  FEED_SECTION_QUERY,
  HOME_QUERY,
  NEWS_SITEMAP_QUERY,
  SECTION_FEED_QUERY,
  SECTION_QUERY,
  SECTIONS_QUERY,
  SERIES_QUERY,
  SITE_FEED_QUERY,
  SITEMAP_AUTHORS_QUERY,
  SITEMAP_INDEX_QUERY,
  SITEMAP_SECTIONS_QUERY,
  SITEMAP_SERIES_QUERY,
  SITEMAP_STORIES_QUERY,
  SOCIAL_CARD_QUERY,
} from './queries'

/** Cache tag on every content fetch, so one revalidation refreshes what a publish can touch. */
export const CONTENT_TAG = 'content'
/** Seconds a page may be served before Next refetches it in the background. */
export const REVALIDATE_SECONDS = 60

const client = createContentClient(contentSourceFromEnv())

function load<const Q extends string>(query: Q, params: QueryParams = {}) {
  return client.fetch(query, params, { next: { revalidate: REVALIDATE_SECONDS, tags: [CONTENT_TAG] } })
}

/**
 * What a page shows: published content, cached, unless this browser is in draft preview; then
 * drafts over published, read with the server's token and never cached, so a draft reaches only
 * the editor previewing it. Feeds and sitemaps use `load`, so they never see drafts.
 */
async function loadPage<const Q extends string>(query: Q, params: QueryParams = {}) {
  if (!(await draftMode()).isEnabled) return load(query, params)
  return client.fetch(query, params, { perspective: 'drafts', cache: 'no-store' })
}

export const loadHome = () => loadPage(HOME_QUERY)
export const loadSections = () => loadPage(SECTIONS_QUERY)
export const loadArticle = (slug: string) => loadPage(ARTICLE_QUERY, { slug })
/** A section or author with page `page` of their stories (lib/content/listingPages.ts). */
export const loadSection = (slug: string, page: number) => loadPage(SECTION_QUERY, { slug, ...listingSlice(page) })
export const loadAuthor = (slug: string, page: number) => loadPage(AUTHOR_QUERY, { slug, ...listingSlice(page) })
export const loadSeries = (slug: string) => loadPage(SERIES_QUERY, { slug })

export const loadSiteFeed = () => load(SITE_FEED_QUERY)
/** The section first, then its stories by reference: two indexed lookups instead of a scan. */
export async function loadSectionFeed(slug: string) {
  const section = await load(FEED_SECTION_QUERY, { slug })
  return section && { section, articles: await load(SECTION_FEED_QUERY, { id: section._id }) }
}
export async function loadAuthorFeed(slug: string) {
  const author = await load(FEED_AUTHOR_QUERY, { slug })
  return author && { author, articles: await load(AUTHOR_FEED_QUERY, { id: author._id }) }
}
export const loadSitemapIndex = () => load(SITEMAP_INDEX_QUERY)
/** One page of a sitemap: documents `start` (inclusive) to `end` (exclusive) of its kind, in its order. */
export const loadSitemapPage = {
  stories: (start: number, end: number) => load(SITEMAP_STORIES_QUERY, { start, end }),
  sections: (start: number, end: number) => load(SITEMAP_SECTIONS_QUERY, { start, end }),
  authors: (start: number, end: number) => load(SITEMAP_AUTHORS_QUERY, { start, end }),
  data: (start: number, end: number) => load(SITEMAP_SERIES_QUERY, { start, end }),
}
export const loadNewsSitemap = () => load(NEWS_SITEMAP_QUERY)
/** Published only, like feeds: a shared card is public, and is built without a request at build time. */
export const loadSocialCard = (slug: string) => load(SOCIAL_CARD_QUERY, { slug })
/** Published only, like feeds: the corrections page and its feeds. */
export const loadCorrections = () => load(CORRECTIONS_QUERY)
