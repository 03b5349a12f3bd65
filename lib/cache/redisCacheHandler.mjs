/**
 * Next.js's cache (fetch results and rendered routes) kept in Redis instead of each server's
 * memory and disk, so every `next start` instance behind the edge reads one cache, and a webhook
 * that reaches one instance expires the content tag for all of them. next.config.ts uses this
 * module only when REDIS_URL is set. Plain JavaScript: Next.js loads it as it is, unbundled.
 */
import { CacheHandler } from '@fortedigital/nextjs-cache-handler'
import createRedisHandler from '@fortedigital/nextjs-cache-handler/redis-strings'
import { createClient } from '@redis/client'

CacheHandler.onCreation(async () => {
  const client = createClient({ url: process.env.REDIS_URL, pingInterval: 10_000 })
  // Without a listener a dropped connection would crash the server; the client reconnects itself.
  client.on('error', (error) => console.error('Redis cache:', error.message))
  await client.connect()
  return { handlers: [createRedisHandler({ client, keyPrefix: 'factline:' })] }
})

export default CacheHandler
