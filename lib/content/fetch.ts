import 'server-only'
import type { QueryParams } from '@sanity/client'
import { draftMode } from 'next/headers'
import { createContentClient } from './client'
import { contentSourceFromEnv } from './config'
import { ARTICLE_QUERY, ARTICLE_SLUGS_QUERY, AUTHOR_QUERY, HOME_QUERY, SECTION_QUERY, SERIES_QUERY } from './queries'

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
export const loadArticle = (slug: string) => loadPage(ARTICLE_QUERY, { slug })
export const loadArticleSlugs = () => load(ARTICLE_SLUGS_QUERY)
export const loadSection = (slug: string) => loadPage(SECTION_QUERY, { slug })
export const loadAuthor = (slug: string) => loadPage(AUTHOR_QUERY, { slug })
export const loadSeries = (slug: string) => loadPage(SERIES_QUERY, { slug })
