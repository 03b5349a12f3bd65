import createLruHandler from '@fortedigital/nextjs-cache-handler/local-lru'
import { describe, expect, it } from 'vitest'
import { isMiss, MISSES_MAX_ITEMS, pagesApartFromMisses } from '@/lib/cache/cacheMisses.mjs'

const body = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64')
const fetched = (json: unknown) => ({ kind: 'FETCH', data: { body: body(json), headers: {}, url: 'http://lake/q' } })
const page = (status: number) => ({ kind: 'APP_PAGE', status, html: '<p>x</p>', headers: {} })
const entry = (value: unknown) => ({ lastModified: Date.now(), lifespan: null, tags: [], value })
const ctx = { implicitTags: [] }

describe('what counts as a miss', () => {
  it.each([
    ['a page', page(200), false],
    ['a page without a status', { kind: 'APP_PAGE', html: '' }, false],
    ['a not-found page', page(404), true],
    ['an error page', page(500), true],
    ['a route answering 404', { kind: 'APP_ROUTE', status: 404 }, true],
    ['a feed', { kind: 'APP_ROUTE', status: 200 }, false],
    ['a query that found a story', fetched({ query: '*', result: { headline: 'NK imports' }, ms: 1 }), false],
    ['a query that found nothing', fetched({ query: '*', result: null, ms: 1 }), true],
    ['a query that found an empty list', fetched({ result: [] }), false],
    ['a fetch that is not JSON', { kind: 'FETCH', data: { body: Buffer.from('<html>').toString('base64') } }, false],
    ['nothing', null, false],
  ])('%s: %s', (_name, value, expected) => {
    expect(isMiss(value)).toBe(expected)
  })
})

describe('pages apart from misses', () => {
  const cache = () => pagesApartFromMisses(createLruHandler(), createLruHandler({ maxItemsNumber: MISSES_MAX_ITEMS }))

  it('keeps every page cached through 1,200 requests for pages that do not exist', async () => {
    const handler = cache()
    for (let i = 0; i < 900; i++) await handler.set(`/articles/story-${i}`, entry(page(200)))
    for (let i = 0; i < 1200; i++) {
      await handler.set(`/articles/missing-${i}`, entry(page(404)))
      await handler.set(`fetch-missing-${i}`, entry(fetched({ result: null })))
    }
    for (let i = 0; i < 900; i++) expect(await handler.get(`/articles/story-${i}`, ctx)).not.toBeNull()
    // The latest misses are still answered from the cache.
    expect(await handler.get('/articles/missing-1199', ctx)).not.toBeNull()
    expect(await handler.get('/articles/missing-0', ctx)).toBeNull()
  })

  it('keeps a key in one place as it turns from page to miss and back', async () => {
    const handler = cache()
    await handler.set('/articles/x', entry(page(200)))
    await handler.set('/articles/x', entry(page(404)))
    expect(await handler.get('/articles/x', ctx)).toMatchObject({ value: { status: 404 } })
    await handler.set('/articles/x', entry(page(200)))
    expect(await handler.get('/articles/x', ctx)).toMatchObject({ value: { status: 200 } })
  })

  it('expires tags and deletes keys in both', async () => {
    const handler = cache()
    await handler.set('/a', { ...entry(page(200)), tags: ['content'] })
    await handler.set('/b', { ...entry(page(404)), tags: ['content'] })
    await handler.revalidateTag('content')
    expect([await handler.get('/a', ctx), await handler.get('/b', ctx)]).toEqual([null, null])
    await handler.set('/c', entry(page(404)))
    await handler.delete('/c')
    expect(await handler.get('/c', ctx)).toBeNull()
  })
})
