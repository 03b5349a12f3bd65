import 'server-only'
import type { QueryParams } from '@sanity/client'
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

export const loadHome = () => load(HOME_QUERY)
export const loadArticle = (slug: string) => load(ARTICLE_QUERY, { slug })
export const loadArticleSlugs = () => load(ARTICLE_SLUGS_QUERY)
export const loadSection = (slug: string) => load(SECTION_QUERY, { slug })
export const loadAuthor = (slug: string) => load(AUTHOR_QUERY, { slug })
export const loadSeries = (slug: string) => load(SERIES_QUERY, { slug })
