/**
 * The path of the page a cache key stores: Next.js 16 keys a response
 * `/route-cache/<kind>/<hash of its route>/$<path>` (next/dist/server/lib/route-cache-key), and
 * older keys were the path itself. Plain JavaScript, for the cache handler.
 * @param {string} key
 * @returns {string}
 */
export function pagePathOf(key) {
  const marker = key.indexOf('/$/')
  return marker === -1 ? key : key.slice(marker + 2)
}
