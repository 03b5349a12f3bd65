/**
 * Anyone can query the lake without a token: a query is bounded in text, parameters, time and
 * result, private ids stay private, and the session of the local editor goes to a Studio only
 * where one runs. Writes keep one revision per document state.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { lakeOptionsFromEnv } from '../../sanity/lake/options'
import { clientFailure } from '../harness/clientFailure'
import { lakeClient } from '../harness/lake'

const TIMEOUT_MS = 300
let lake: RunningLake
let dataDir: string
const client = () => lakeClient(lake.url, lake.token).withConfig({ maxRetries: 0 })
const anonymous = () => lakeClient(lake.url).withConfig({ maxRetries: 0 })

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-limits-'))
  lake = await startLake({ port: 0, dataDir, queryLimits: { timeoutMs: TIMEOUT_MS, resultBytes: 2 * 1024 * 1024 } })
  const tx = client().transaction()
  for (let i = 0; i < 200; i++) tx.create({ _id: `item-${i}`, _type: 'item', n: i % 7, body: 'x'.repeat(200) })
  tx.create({ _id: 'drafts.item-1', _type: 'item', n: 1 })
  tx.create({ _id: 'settings.private', _type: 'item', n: 1 })
  tx.create({ _id: 'versions.r1.item-2', _type: 'item', n: 1 })
  await tx.commit()
})

afterAll(async () => {
  await lake.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** `*[_id in *[_id in ... *[_type == "item"]._id ...]._id]`: in plain groq-js each level reads the whole dataset once per document of the level above. */
const nested = (depth: number) => {
  let query = '*[_type == "item"]._id'
  for (let i = 0; i < depth; i++) query = `*[_id in ${query}]._id`
  return `count(${query})`
}

/** Every pair and triple of documents: work that grows with the cube of the dataset, whatever the planner does. */
const HOSTILE = 'count(*[_type == "item"]{ "a": *[_id != ^._id]{ "b": *[_id != ^._id]._id } })'

describe('query limits', () => {
  const cases = [
    { name: 'query text', query: `*[_id in [${'"a",'.repeat(20_000)}"a"]]`, params: {}, type: 'queryTooLarge' },
    {
      name: 'parameters',
      query: '*[_id in $ids]',
      params: { ids: Array.from({ length: 100_000 }, (_, i) => `id-${i}`) },
      type: 'queryParamsTooLarge',
    },
    { name: 'evaluation time', query: HOSTILE, params: {}, type: 'queryTimeout' },
    { name: 'result size', query: '*[_type == "item"]{ "all": *[_type == "item"] }', params: {}, type: 'queryResultTooLarge' },
  ]
  test.each(cases)('refuses a query over its $name limit with a 400 that says so', async ({ query, params, type }) => {
    const failure = await clientFailure(anonymous().fetch(query, params))
    expect(failure.statusCode).toBe(400)
    expect((failure.response.body as { error: { type: string } }).error.type).toBe(type)
    expect(failure.message.length).toBeGreaterThan(20)
  })

  test('counts a Content Source Map in the result size: an answer that fits without one is refused with one', async () => {
    const query = '*[_type == "item"]{ "all": *[_type == "item"]{ _id, n } }'
    expect(await anonymous().fetch(query)).toHaveLength(200)
    const failure = await clientFailure(anonymous().fetch(query, {}, { filterResponse: false, resultSourceMap: 'withKeyArraySelector' }))
    expect(failure.statusCode).toBe(400)
    expect((failure.response.body as { error: { type: string } }).error.type).toBe('queryResultTooLarge')
  })

  test('other requests are answered while a hostile query runs, and after it is stopped', async () => {
    const [hostile, ...others] = await Promise.allSettled([
      anonymous().fetch(HOSTILE),
      ...Array.from({ length: 5 }, (_, i) => anonymous().fetch('*[_id == $id][0].n', { id: `item-${i}` })),
    ])
    expect(hostile.status).toBe('rejected')
    expect(others.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : outcome.reason))).toEqual([0, 1, 2, 3, 4])
    expect(await anonymous().fetch('count(*[_type == "item"])')).toBe(200)
  })

  test('refuses a query whose evaluation outgrows its share of memory', async () => {
    const smallDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-heap-'))
    const small = await startLake({ port: 0, dataDir: smallDir, queryLimits: { heapBytes: 8 * 1024 * 1024 } })
    try {
      await lakeClient(small.url, small.token).create({ _id: 'one', _type: 'item', body: 'x'.repeat(200) })
      const everyPair = 'count(*[_type == "item"]{ "a": *[_type == "item"]{ "b": body + ^.body } })'
      expect(await lakeClient(small.url).fetch(everyPair)).toBe(1)
      const tx = lakeClient(small.url, small.token).transaction()
      for (let i = 0; i < 400; i++) tx.create({ _id: `item-${i}`, _type: 'item', body: 'x'.repeat(200) })
      await tx.commit()
      const failure = await clientFailure(lakeClient(small.url).withConfig({ maxRetries: 0 }).fetch(everyPair))
      expect(failure.statusCode).toBe(400)
      expect((failure.response.body as { error: { type: string } }).error.type).toBe('queryMemoryLimit')
    } finally {
      await small.close()
      fs.rmSync(smallDir, { recursive: true, force: true })
    }
  })

  test('sub-queries nested a dozen deep are worked out once each, so the query answers', async () => {
    expect(await anonymous().fetch(nested(12))).toBe(200)
    expect(await anonymous().fetch(`count(*[_id in ${nested(12).slice('count('.length, -1)} && n == 3])`)).toBe(29)
  })
})

describe('private ids', () => {
  test('an anonymous query sees no id with a dot, whatever perspective it asks for', async () => {
    for (const perspective of ['published', 'drafts', 'raw'] as const) {
      const ids = await anonymous().fetch<string[]>('*[n == 1]._id', {}, { perspective })
      expect(ids.every((id) => !id.includes('.'))).toBe(true)
      expect(ids).toContain('item-1')
      expect(await anonymous().fetch('*[_id == "settings.private"][0]', {}, { perspective })).toBeNull()
      expect(await anonymous().fetch('count(*[_type == "item"])', {}, { perspective })).toBe(200)
    }
    expect(await client().fetch('*[_id == "settings.private"][0]._id', {}, { perspective: 'published' })).toBe('settings.private')
  })

  test('an anonymous listener hears of public documents only', async () => {
    const heard: string[] = []
    let welcomed: () => void = () => undefined
    const welcome = new Promise<void>((resolve) => {
      welcomed = resolve
    })
    const subscription = anonymous()
      .listen('*[_type == "memo"]', {}, { events: ['welcome', 'mutation'] })
      .subscribe((event) => {
        if (event.type === 'welcome') welcomed()
        if (event.type === 'mutation') heard.push(event.documentId)
      })
    try {
      await welcome
      // The public document is written last: by the time it is heard, the private ones would have been.
      await client().mutate([{ create: { _id: 'notes.secret', _type: 'memo' } }, { create: { _id: 'drafts.memo-1', _type: 'memo' } }])
      await client().create({ _id: 'memo-1', _type: 'memo' })
      for (let i = 0; i < 100 && !heard.includes('memo-1'); i++) await new Promise((resolve) => setTimeout(resolve, 20))
      expect(heard).toEqual(['memo-1'])
    } finally {
      subscription.unsubscribe()
    }
  })

  test('an anonymous read by id omits private ids for lack of permission', async () => {
    const response = await fetch(`${lake.url}/v2025-02-19/data/doc/production/item-1,settings.private,drafts.item-1`)
    const body = await response.json()
    expect(body.documents.map((doc: { _id: string }) => doc._id)).toEqual(['item-1'])
    expect(body.omitted).toEqual([
      { id: 'settings.private', reason: 'permission' },
      { id: 'drafts.item-1', reason: 'permission' },
    ])
  })
})

describe('transaction ids', () => {
  test('a transaction id used before is refused with a 409, and nothing changes', async () => {
    const patch = (n: number) => [{ patch: { id: 'tx-target', set: { n } } }]
    await client().mutate([{ create: { _id: 'tx-target', _type: 'item', n: 1 } }], { transactionId: 'chosen-tx-1' })
    const failure = await clientFailure(client().mutate(patch(2), { transactionId: 'chosen-tx-1' }))
    expect(failure.statusCode).toBe(409)
    expect(failure.message).toContain('chosen-tx-1')
    const doc = await client().getDocument('tx-target')
    expect(doc).toMatchObject({ n: 1, _rev: 'chosen-tx-1' })
    // The id stays used once the document has moved on to another revision.
    await client().mutate(patch(3))
    const again = await clientFailure(client().mutate(patch(4), { transactionId: 'chosen-tx-1' }))
    expect(again.statusCode).toBe(409)
  })
})

describe('who may take the local editor session', () => {
  const cases = [
    { launch: 'next build / next start', studio: false, env: {}, origins: [] },
    { launch: 'next dev (Studio started)', studio: true, env: {}, origins: ['http://localhost:3333', 'http://127.0.0.1:3333'] },
    {
      launch: 'Studio on another port',
      studio: true,
      env: { STUDIO_PORT: '4444' },
      origins: ['http://localhost:4444', 'http://127.0.0.1:4444'],
    },
    {
      launch: 'origins set explicitly',
      studio: false,
      env: { LAKE_STUDIO_ORIGINS: 'https://studio.example' },
      origins: ['https://studio.example'],
    },
  ]
  test.each(cases)('$launch', ({ studio, env, origins }) => {
    expect(lakeOptionsFromEnv(env as NodeJS.ProcessEnv, { studio }).studioOrigins).toEqual(origins)
  })

  test('a lake started without a Studio refuses the session to localhost:3333', async () => {
    const response = await fetch(`${lake.url}/local/editor-session`, { method: 'POST', headers: { Origin: 'http://localhost:3333' } })
    expect(response.status).toBe(403)
    expect(await response.text()).not.toContain(lake.token)
  })
})
