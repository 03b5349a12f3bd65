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
 * Plain JavaScript: Next.js loads this module as it is, unbundled.
 */
import { createHash } from 'node:crypto'
import { CacheHandler } from '@fortedigital/nextjs-cache-handler'
import createLruHandler from '@fortedigital/nextjs-cache-handler/local-lru'
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings'
import { createClient } from '@redis/client'
import { contentSecurityPolicy, policyOptionsFromEnv } from '../security/contentSecurityPolicy.mjs'
import { inlineHashes } from '../security/inlineHashes.mjs'
import { MISSES_MAX_ITEMS, pagesApartFromMisses } from './cacheMisses.mjs'

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
  async set(key, value, ctx) {
    if (value?.kind === 'APP_PAGE' && typeof value.html === 'string' && value.html !== '') {
      const stored = {
        'content-security-policy': contentSecurityPolicy({ inline: inlineHashes(value.html), ...policyOptionsFromEnv() }),
        // One tag for the page's HTML and its in-app navigation payload: either changes it.
        etag: `"${createHash('sha256')
          .update(value.html)
          .update(value.rscData ?? '')
          .digest('base64url')}"`,
      }
      // The same headers object goes out with the response that filled the cache, so change it in place.
      if (value.headers) Object.assign(value.headers, stored)
      else value.headers = stored
    }
    return super.set(key, value, ctx)
  }
}
