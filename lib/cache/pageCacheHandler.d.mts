import type { CacheHandler } from '@fortedigital/nextjs-cache-handler'

/** Next.js's cache handler for the site (pageCacheHandler.mjs). */
export default class PageCacheHandler extends CacheHandler {}
