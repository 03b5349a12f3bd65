/**
 * Not-found and error results kept apart from the pages readers read. Anyone can ask for
 * thousands of addresses that do not exist; were each 404 render (and the empty query result
 * behind it) stored beside the real pages in one 1,000-entry cache, they would evict every page.
 * Here they get a small cache of their own, so a repeated miss is still cheap and can never push
 * out a page. Plain JavaScript, for the cache handler that Next.js loads unbundled.
 */

/** Misses are bounded on their own, well below the pages' 1,000 entries. */
export const MISSES_MAX_ITEMS = 500

/**
 * Whether a value for Next's cache is a miss: a page or route rendered with an error status, or
 * a content query whose result is null (the lookup of a slug that does not exist).
 *
 * @param {{ kind?: string, status?: number, data?: { body?: string } } | null | undefined} value
 * @returns {boolean}
 */
export function isMiss(value) {
  if (value?.kind === 'APP_PAGE' || value?.kind === 'APP_ROUTE') return (value.status ?? 200) >= 400
  if (value?.kind !== 'FETCH' || typeof value.data?.body !== 'string') return false
  try {
    return JSON.parse(Buffer.from(value.data.body, 'base64').toString('utf8'))?.result === null
  } catch {
    return false
  }
}

/**
 * One cache handler over two: misses go to `misses`, everything else to `pages`, and a key is
 * only ever in one of them (a page that becomes a 404, or a 404 that becomes a page, leaves the
 * other). Reads look in both; tag revalidation and deletes reach both.
 *
 * @template {{ get: Function, set: Function, revalidateTag: Function, delete?: Function }} H
 * @param {H} pages
 * @param {H} misses
 */
export function pagesApartFromMisses(pages, misses) {
  const both = [pages, misses]
  return {
    name: 'pages-apart-from-misses',
    async get(key, ctx) {
      return (await pages.get(key, ctx)) ?? misses.get(key, ctx)
    },
    async set(key, data, ctx) {
      const [target, other] = isMiss(data?.value) ? [misses, pages] : [pages, misses]
      await other.delete?.(key)
      await target.set(key, data, ctx)
    },
    async revalidateTag(tag) {
      await Promise.all(both.map((handler) => handler.revalidateTag(tag)))
    },
    async delete(key) {
      await Promise.all(both.map((handler) => handler.delete?.(key)))
    },
  }
}
