/**
 * Next.js's cache (fetch results and rendered pages). One instance keeps it in memory; with
 * REDIS_URL it lives in Redis, so every `next start` instance behind the edge reads one cache and a
 * webhook that reaches one instance expires the content tag for all of them.
 *
 * A page is rendered once and then served to every reader from here, so it cannot carry a nonce
 * for each response. Instead, each rendered page is stored with the Content Security Policy that
 * allows exactly its own inline scripts and styles by hash, and with its ETag, computed once here
 * rather than by hashing the page again on every request. Next.js sends the stored headers with
 * the page, on the render that fills the cache and on every hit.
 *
 * In memory, not-found and error results have a small cache of their own (lib/cache/cacheMisses.mjs),
 * so requests for addresses that do not exist cannot evict the pages readers read.
 *
 * While the content lake cannot be reached a page cannot be rendered, and the publish webhook
 * deletes every cached page (it expires the content tag at once). So the handler keeps the last
 * copy of each page it stored and, for a page missing from the cache while the lake is
 * unreachable, hands Next.js that copy; for a page it never had, the site's "back shortly" page,
 * status 503, which is never stored. Both go to Next.js as stale, so it keeps rendering the page
 * in the background and stores the real one as soon as the lake answers. A page rendered while the
 * lake is unreachable (from the loader's last good answers) is kept for seconds, not the usual 60,
 * so a revision published as the lake comes back is not held behind it. A render or fetch that
 * began before a publish and ends after it is not stored at all (see `readBeforeAPublish`).
 *
 * Plain JavaScript: Next.js loads this module as it is, unbundled.
 */
import { createHash } from 'node:crypto'
import { CacheHandler } from '@fortedigital/nextjs-cache-handler'
import createLruHandler from '@fortedigital/nextjs-cache-handler/local-lru'
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings'
import { createClient } from '@redis/client'
import { lakeKnownDown, lakeReachable } from '../content/lakeReach.mjs'
import { BACK_SHORTLY_HTML, backShortlyHeaders } from '../http/backShortlyPage.mjs'
import { contentSecurityPolicy, EMBED_PATH_PREFIX, policyOptionsFromEnv } from '../security/contentSecurityPolicy.mjs'
import { inlineHashes } from '../security/inlineHashes.mjs'
import { pagePathOf } from './cacheKeys.mjs'
import { MISSES_MAX_ITEMS, pagesApartFromMisses } from './cacheMisses.mjs'

const UNAVAILABLE = 503
/** Pages whose last copy is kept for an outage, most recently stored last; about what the cache itself holds. */
const LAST_COPIES = 1_000
/** How soon a page rendered while the lake was unreachable is rendered again. */
const OUTAGE_RETRY_SECONDS = 5
/** A year, in seconds: a copy served in an outage must never count as expired, which would make readers wait for a render. */
const NEVER_EXPIRES = 31_536_000

/**
 * The last copy of each page with status 200, by cache key, in this process's memory: with the
 * in-memory cache the same objects it holds, so they cost memory only once the cache drops them.
 */
const lastCopies = new Map()

/** Pages last rendered while the lake was unreachable, as many as there are copies. */
const renderedInOutage = new Set()

/** How many publishes had expired the cache when each entry was last looked up, where a render or fetch that stores it began. */
const publishesAtLookup = new Map()
/** About the entries one page's render looks up, for many pages rendering at once. */
const LOOKUPS_KEPT = 10_000
/** Publishes that have expired the content tag in this process (the site has one tag: every entry holds content). */
let publishes = 0

function noteLookup(key) {
  publishesAtLookup.delete(key)
  publishesAtLookup.set(key, publishes)
  if (publishesAtLookup.size > LOOKUPS_KEPT) publishesAtLookup.delete(publishesAtLookup.keys().next().value)
}

/**
 * Whether an entry about to be stored was read before a publish expired the cache: a render or
 * fetch that began before a webhook and ends after it holds the content from before the publish,
 * and stored now it would count as fresh and hide the publish until it expired.
 */
function readBeforeAPublish(key) {
  const seen = publishesAtLookup.get(key)
  publishesAtLookup.delete(key)
  return seen !== undefined && seen < publishes
}

function keepLastCopy(key, value) {
  lastCopies.delete(key)
  lastCopies.set(key, value)
  if (lastCopies.size > LAST_COPIES) lastCopies.delete(lastCopies.keys().next().value)
}

/**
 * The page for one never cached; its status keeps it out of the cache (see `set`). An in-app
 * navigation gets the status with no payload, and the router then loads the page as a document.
 */
const backShortly = () => ({
  kind: 'APP_PAGE',
  html: BACK_SHORTLY_HTML,
  rscData: Buffer.alloc(0),
  status: UNAVAILABLE,
  headers: backShortlyHeaders(),
})

/** An entry already stale, so Next.js serves it at once and retries the render behind it. */
const servedInOutage = (value) => ({ lastModified: Date.now() - 2_000, cacheControl: { revalidate: 1, expire: NEVER_EXPIRES }, value })
/** Next.js takes an entry's own lifetime over the one it remembers for the route. */
const retriedSoon = (entry) => ({ ...entry, cacheControl: { revalidate: OUTAGE_RETRY_SECONDS, expire: NEVER_EXPIRES } })

CacheHandler.onCreation(async () => {
  if (!process.env.REDIS_URL) {
    return { handlers: [pagesApartFromMisses(createLruHandler(), createLruHandler({ maxItemsNumber: MISSES_MAX_ITEMS }))] }
  }
  const client = createClient({ url: process.env.REDIS_URL, pingInterval: 10_000 })
  // Without a listener a dropped connection would crash the server; the client reconnects itself.
  client.on('error', (error) => console.error('Redis cache:', error.message))
  await client.connect()
  return { handlers: [createRedisHandler({ client, keyPrefix: 'factline:' })] }
})

export default class PageCacheHandler extends CacheHandler {
  async get(key, ctx) {
    noteLookup(key)
    const cached = await super.get(key, ctx)
    if (cached && renderedInOutage.has(key)) return retriedSoon(cached)
    if (cached || ctx?.kind !== 'APP_PAGE' || (await lakeReachable())) return cached
    return servedInOutage(lastCopies.get(key) ?? backShortly())
  }

  async set(key, value, ctx) {
    // Next.js puts back what it served when a render retried in the background fails: not the page.
    if (value?.status === UNAVAILABLE) return
    // Served to the reader who asked, not kept: the next reader's render reads the publish.
    if (readBeforeAPublish(key)) return
    if (value?.kind === 'APP_PAGE' && typeof value.html === 'string' && value.html !== '') {
      const stored = {
        // An embed's policy lets partners frame it.
        'content-security-policy': contentSecurityPolicy({
          inline: inlineHashes(value.html),
          frameable: pagePathOf(key).startsWith(EMBED_PATH_PREFIX),
          ...policyOptionsFromEnv(),
        }),
        // One tag for the page's HTML and its in-app navigation payload: either changes it.
        etag: `"${createHash('sha256')
          .update(value.html)
          .update(value.rscData ?? '')
          .digest('base64url')}"`,
      }
      // The same headers object goes out with the response that filled the cache, so change it in place.
      if (value.headers) Object.assign(value.headers, stored)
      else value.headers = stored
      if ((value.status ?? 200) === 200) keepLastCopy(key, value)
      renderedInOutage.delete(key)
      if (lakeKnownDown()) renderedInOutage.add(key)
      if (renderedInOutage.size > LAST_COPIES) renderedInOutage.delete(renderedInOutage.values().next().value)
    }
    return super.set(key, value, ctx)
  }

  async revalidateTag(...args) {
    publishes++
    return super.revalidateTag(...args)
  }
}
