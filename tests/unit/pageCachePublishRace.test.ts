import { describe, expect, it } from 'vitest'
import PageCacheHandler from '@/lib/cache/pageCacheHandler.mjs'

/** A content query's answer as Next.js stores a fetch. */
const answer = (value: string) => ({
  kind: 'FETCH',
  data: { body: Buffer.from(JSON.stringify({ result: value })).toString('base64'), headers: {}, url: 'http://lake/query' },
  revalidate: 60,
})
// The handler counts any expiry as a publish: the site has one tag, which every entry holds.
const TAG = 'content'
const fetchContext = { kind: 'FETCH', tags: [TAG], softTags: [] }
const storeContext = { tags: [TAG], revalidate: 60 }

type Step = 'look up' | 'publish' | 'store'

const handler = new PageCacheHandler({ serverDistDir: '', dev: false } as never)
let keys = 0

/** Runs the steps on one new key; whether the cache then holds the stored answer. */
async function kept(steps: readonly Step[]): Promise<boolean> {
  const key = `query-${keys++}`
  for (const step of steps) {
    if (step === 'look up') await handler.get(key, fetchContext as never)
    if (step === 'publish') await handler.revalidateTag([TAG])
    if (step === 'store') await handler.set(key, answer('$12.98 million') as never, storeContext as never)
  }
  return (await handler.get(key, fetchContext as never)) !== null
}

describe('a render or fetch that spans a publish', () => {
  it.each<[string, Step[], boolean]>([
    ['read and stored with no publish between: kept', ['look up', 'store'], true],
    ['read before a publish, stored after it: not kept, so the next reader reads the publish', ['look up', 'publish', 'store'], false],
    ['read after a publish: kept', ['publish', 'look up', 'store'], true],
    ['read before two publishes, stored after both: not kept', ['look up', 'publish', 'publish', 'store'], false],
    ['stored without being looked up (built ahead): kept', ['store'], true],
  ])('%s', async (_name, steps, expected) => {
    expect(await kept(steps)).toBe(expected)
  })
})
