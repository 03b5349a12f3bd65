import { SEARCH_PATH } from '../site/paths'
/**
 * How long a shared cache (the nginx edge, a CDN) may serve a page as fresh. Short, because a
 * revised figure must reach readers within five seconds: fresh for 1 s, then served stale for at
 * most 3 s while one request refreshes it, so no reader gets a page rendered more than 4 s ago.
 */
export const PAGE_FRESH_SECONDS = 1
export const PAGE_STALE_WHILE_REVALIDATE_SECONDS = 3
/** While the origin is failing a shared cache may keep serving its last copy for a day. */
export const PAGE_STALE_IF_ERROR_SECONDS = 86_400

/**
 * What shared caches may do with any public response whose content a revision can change:
 * pages, feeds, sitemaps and data downloads alike, so all of them are current within 5 s.
 */
export const SHARED_CACHE_CONTROL = [
  'public',
  'max-age=0',
  `s-maxage=${PAGE_FRESH_SECONDS}`,
  `stale-while-revalidate=${PAGE_STALE_WHILE_REVALIDATE_SECONDS}`,
  `stale-if-error=${PAGE_STALE_IF_ERROR_SECONDS}`,
].join(', ')

/** The cookie Next.js sets for draft mode: such a page shows drafts to one editor only, and is never cached. */
export const DRAFT_MODE_COOKIE = '__prerender_bypass'

/**
 * Pages, in Next.js's path syntax: everything but API routes, images (social cards included), build
 * assets, feeds and data files (each of those sets its own headers, and none runs a script in a browser).
 */
export const PAGE_PATHS =
  '/((?!api|media|_next/static|_next/image|favicon.ico|feeds|.*/opengraph-image|.*\\.(?:xml|json|csv|txt|png|jpg|webp|avif)$).*)'

/**
 * Everything else, the exact complement of PAGE_PATHS: API routes, images, build assets, feeds
 * and data files. None of them is a document a browser runs, so their policy allows nothing.
 */
export const NON_PAGE_PATHS =
  '/((?:api|media|_next/static|_next/image|favicon.ico|feeds|.*/opengraph-image).*|.*\\.(?:xml|json|csv|txt|png|jpg|webp|avif))'

/**
 * The header rule (next.config.ts) that makes a reader's page public and micro-cached in shared
 * caches, never kept by browsers (`max-age=0`). Not for React Server Component requests (in-app
 * navigation and refresh), whose payload depends on the client's router state, nor for a draft
 * preview: Next.js's own `private, no-store` stays on those. Next.js keeps a Cache-Control that
 * is already set, so a rule here needs no code on each request.
 */
export const PAGE_CACHE_RULE = {
  source: PAGE_PATHS,
  missing: [
    { type: 'header' as const, key: 'rsc' },
    { type: 'cookie' as const, key: DRAFT_MODE_COOKIE },
  ],
  headers: [{ key: 'Cache-Control', value: SHARED_CACHE_CONTROL }],
}

/**
 * Search results (app/search) are rendered for each request and kept by no cache: every query string
 * would otherwise be a new cache entry, which anyone could fill. Listed after PAGE_CACHE_RULE, whose
 * header it replaces. proxy.ts gives the page its script nonce.
 */
export const SEARCH_CACHE_RULE = { source: SEARCH_PATH, headers: [{ key: 'Cache-Control', value: 'private, no-store' }] }
