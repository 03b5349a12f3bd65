import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { MutationEvent, SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { clientFailure } from '../harness/clientFailure'
import { lakeClient } from '../harness/lake'

let lake: RunningLake
let dataDir: string
let client: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-data-'))
  lake = await startLake({ port: 0, dataDir })
  client = lakeClient(lake.url, lake.token)
  anonymous = lakeClient(lake.url)
})

afterAll(async () => {
  await lake.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('documents and queries', () => {
  test('creates documents and finds them by a parameterised query', async () => {
    await client.create({ _id: 'article-rice', _type: 'article', title: 'Rice prices', slug: { current: 'rice' } })
    await client.create({ _id: 'article-coal', _type: 'article', title: 'Coal exports', slug: { current: 'coal' } })

    const found = await client.fetch('*[_type == "article" && slug.current == $slug][0]{title}', { slug: 'coal' })
    expect(found).toEqual({ title: 'Coal exports' })
    const titles = await client.fetch('*[_type == $type] | order(title asc).title', { type: 'article' })
    expect(titles).toEqual(['Coal exports', 'Rice prices'])
  })

  test('answers a query too long for a URL (sent as POST) like the same query sent as GET', async () => {
    await client.createOrReplace({ _id: 'post-target', _type: 'memo', title: 'Target' })
    const decoys = Array.from({ length: 600 }, (_, i) => `decoy-document-with-a-long-identifier-${i}`)
    const ids = [...decoys, 'post-target']
    // Longer than the client's limit for a query string, so it switches to POST.
    expect(new URLSearchParams({ query: '*[_id in $ids]', $ids: JSON.stringify(ids) }).toString().length).toBeGreaterThan(11264)

    const viaPost = await client.fetch('*[_id in $ids]{_id, title}', { ids })
    const viaGet = await client.fetch('*[_id in $ids]{_id, title}', { ids: ['post-target'] })
    expect(viaPost).toEqual([{ _id: 'post-target', title: 'Target' }])
    expect(viaPost).toEqual(viaGet)
  })

  test('returns the raw response with the query when asked for it', async () => {
    const response = await client.fetch('count(*[_type == "article"])', {}, { filterResponse: false })
    expect(response.result).toBe(2)
    expect(response.query).toBe('count(*[_type == "article"])')
    expect(typeof response.ms).toBe('number')
  })

  test('reports a GROQ syntax error as a 400 with the position marked', async () => {
    const err = await clientFailure(client.fetch('*[_type == "article" &&]'))
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain('GROQ query parse error')
    expect(err.message).toContain('^')
  })

  test('reports a parameter the query uses but was not given', async () => {
    const err = await clientFailure(client.fetch('*[_type == $type]'))
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain('$type')
  })

  test('fetches documents by id, telling which do not exist', async () => {
    expect(await client.getDocument('article-rice')).toMatchObject({ title: 'Rice prices' })
    expect(await client.getDocument('no-such-article')).toBeUndefined()
    const docs = await client.getDocuments(['article-coal', 'no-such-article'])
    expect(docs.map((doc) => doc?._id ?? null)).toEqual(['article-coal', null])
  })

  test('maintains _rev, _createdAt and _updatedAt', async () => {
    const created = await client.create({ _id: 'stamped', _type: 'memo', title: 'One' })
    expect(created._rev).toMatch(/^\w+$/)
    expect(new Date(created._createdAt).toISOString()).toBe(created._createdAt)
    expect(created._updatedAt).toBe(created._createdAt)

    const patched = await client.patch('stamped').set({ title: 'Two' }).commit()
    expect(patched._rev).not.toBe(created._rev)
    expect(patched._createdAt).toBe(created._createdAt)
    expect(patched._updatedAt >= created._updatedAt).toBe(true)

    const replaced = await client.createOrReplace({ _id: 'stamped', _type: 'memo', title: 'Three' })
    expect(replaced._createdAt).toBe(created._createdAt)
    expect(replaced._rev).not.toBe(patched._rev)
  })

  test('generates ids for documents created without one, keeping a drafts. prefix', async () => {
    const plain = await client.create({ _type: 'memo', title: 'No id' })
    const draft = await client.create({ _id: 'drafts.', _type: 'memo', title: 'Draft with generated id' })
    expect(plain._id).toMatch(/^[A-Za-z0-9]{22}$/)
    expect(draft._id).toMatch(/^drafts\.[A-Za-z0-9]{22}$/)
  })

  test('createIfNotExists leaves an existing document alone', async () => {
    await client.createIfNotExists({ _id: 'kept', _type: 'memo', title: 'First' })
    await client.createIfNotExists({ _id: 'kept', _type: 'memo', title: 'Second' })
    expect(await client.getDocument('kept')).toMatchObject({ title: 'First' })
  })

  test('deletes by id and by query', async () => {
    await client
      .transaction()
      .create({ _id: 'bin-1', _type: 'bin' })
      .create({ _id: 'bin-2', _type: 'bin' })
      .create({ _id: 'bin-3', _type: 'bin' })
      .commit()
    await client.delete('bin-1')
    await client.delete({ query: '*[_type == "bin" && _id != $keep]', params: { keep: 'bin-3' } })
    expect(await client.fetch('*[_type == "bin"]._id')).toEqual(['bin-3'])
  })
})

describe('perspectives', () => {
  beforeAll(async () => {
    await client
      .transaction()
      .createOrReplace({ _id: 'story-1', _type: 'story', title: 'Published title' })
      .createOrReplace({ _id: 'drafts.story-1', _type: 'story', title: 'Draft title' })
      .createOrReplace({ _id: 'drafts.story-2', _type: 'story', title: 'Unpublished story' })
      .createOrReplace({ _id: 'teaser-1', _type: 'teaser', story: { _type: 'reference', _ref: 'story-1' } })
      .commit()
  })

  test('published (the default) leaves drafts out', async () => {
    const stories = await client.fetch('*[_type == "story"]{_id, title}')
    expect(stories).toEqual([{ _id: 'story-1', title: 'Published title' }])
  })

  test('drafts presents each draft in place of its published document', async () => {
    const stories = await client.fetch('*[_type == "story"] | order(_id asc){_id, title}', {}, { perspective: 'drafts' })
    expect(stories).toEqual([
      { _id: 'story-1', title: 'Draft title' },
      { _id: 'story-2', title: 'Unpublished story' },
    ])
    const teaser = await client.fetch('*[_id == "teaser-1"][0]{"story": story->title}', {}, { perspective: 'drafts' })
    expect(teaser).toEqual({ story: 'Draft title' })
    expect(await client.fetch('*[_id == "teaser-1"][0].story->title')).toBe('Published title')
  })

  test('raw shows every document under its own id', async () => {
    const ids = await client.fetch('*[_type == "story"]._id', {}, { perspective: 'raw' })
    expect([...ids].sort()).toEqual(['drafts.story-1', 'drafts.story-2', 'story-1'])
  })

  test('a reader without a token sees only published documents, whatever it asks for', async () => {
    const stories = await anonymous.fetch('*[_type == "story"]{_id, title}', {}, { perspective: 'drafts' })
    expect(stories).toEqual([{ _id: 'story-1', title: 'Published title' }])
    expect(await anonymous.fetch('count(*[_id in path("drafts.**")])', {}, { perspective: 'raw' })).toBe(0)
    expect(await anonymous.getDocument('drafts.story-1')).toBeUndefined()
    expect(await client.getDocument('drafts.story-1')).toMatchObject({ title: 'Draft title' })
  })
})

describe('indexed lookups', () => {
  beforeAll(async () => {
    await client
      .transaction()
      .createOrReplace({ _id: 'eq-author', _type: 'author', name: 'Kim' })
      .createOrReplace({ _id: 'eq-a1', _type: 'article', slug: { current: 'one' } })
      .createOrReplace({ _id: 'drafts.eq-a1', _type: 'article', slug: { current: 'one-draft' } })
      .createOrReplace({ _id: 'eq-a2', _type: 'article', slug: { current: 'two' }, author: { _type: 'reference', _ref: 'eq-author' } })
      .createOrReplace({ _id: 'eq-a3', _type: 'page', slug: { current: 'three' } })
      .createOrReplace({
        _id: 'drafts.eq-a3',
        _type: 'article',
        slug: { current: 'three' },
        author: { _type: 'reference', _ref: 'eq-author' },
      })
      .commit()
  })

  const filters = [
    '_type == "article"',
    '"article" == _type && defined(slug)',
    '_type in ["article", "page"]',
    'slug.current == "one"',
    'slug.current == "one-draft"',
    '_type == "article" && slug.current == "three"',
    '_id == "eq-a1"',
    '_id == "drafts.eq-a1"',
    '_id in ["eq-a1", "eq-a3", "missing"]',
    'references("eq-author")',
    '_type == "article" && references("eq-author")',
  ]
  const perspectives = ['raw', 'published', 'drafts'] as const

  // `(filter) || false` means the same but is not something the lake looks up in an index.
  test.each(perspectives.flatMap((perspective) => filters.map((filter) => [perspective, filter] as const)))(
    'in the %s perspective, *[%s] answers as a full scan does',
    async (perspective, filter) => {
      const projection = '| order(_id){_id, _type, "slug": slug.current, "author": author->name}'
      const indexed = await client.fetch(`*[${filter}] ${projection}`, {}, { perspective })
      const scanned = await client.fetch(`*[(${filter}) || false] ${projection}`, {}, { perspective })
      expect(indexed).toEqual(scanned)
    },
  )

  test('finds documents by type and slug in the drafts perspective the way an editor sees them', async () => {
    const found = await client.fetch('*[_type == "article" && slug.current == "three"]{_id, _originalId}', {}, { perspective: 'drafts' })
    expect(found).toEqual([{ _id: 'eq-a3', _originalId: 'drafts.eq-a3' }])
  })
})

describe('patches', () => {
  const base = {
    _type: 'piece',
    title: 'Imports spike',
    views: 10,
    tags: ['trade'],
    body: [
      { _key: 'a', text: 'first' },
      { _key: 'b', text: 'second' },
    ],
  }
  const cases: { name: string; patch: Record<string, unknown>; expected: Record<string, unknown> }[] = [
    {
      name: 'set',
      patch: { set: { title: 'Exports slump', 'meta.lang': 'en' } },
      expected: { title: 'Exports slump', meta: { lang: 'en' } },
    },
    {
      name: 'setIfMissing',
      patch: { setIfMissing: { title: 'Ignored', subtitle: 'Added' } },
      expected: { title: 'Imports spike', subtitle: 'Added' },
    },
    {
      name: 'unset',
      patch: { unset: ['title', 'body[_key=="a"]'] },
      expected: { title: undefined, body: [{ _key: 'b', text: 'second' }] },
    },
    { name: 'inc', patch: { inc: { views: 5 } }, expected: { views: 15 } },
    { name: 'dec', patch: { dec: { views: 3 } }, expected: { views: 7 } },
    {
      name: 'insert after the last item',
      patch: { insert: { after: 'body[-1]', items: [{ _key: 'c', text: 'third' }] } },
      expected: { body: [...base.body, { _key: 'c', text: 'third' }] },
    },
    {
      name: 'insert before a keyed item',
      patch: { insert: { before: 'body[_key=="b"]', items: [{ _key: 'z', text: 'between' }] } },
      expected: { body: [base.body[0], { _key: 'z', text: 'between' }, base.body[1]] },
    },
    {
      name: 'insert replacing an item',
      patch: { insert: { replace: 'body[0]', items: [{ _key: 'r', text: 'replaced' }] } },
      expected: { body: [{ _key: 'r', text: 'replaced' }, base.body[1]] },
    },
    {
      name: 'diffMatchPatch',
      patch: { diffMatchPatch: { title: '@@ -1,13 +1,17 @@\n Imports spike\n+ now\n' } },
      expected: { title: 'Imports spike now' },
    },
  ]

  test.each(cases)('$name', async ({ name, patch, expected }) => {
    const id = `piece-${name.replace(/\W+/g, '-')}`
    await client.createOrReplace({ ...base, _id: id })
    const patched = await client.mutate([{ patch: { id, ...patch } }], { returnFirst: true, returnDocuments: true })
    for (const [field, value] of Object.entries(expected)) expect(patched[field]).toEqual(value)
  })

  test('patches every document a query selects, and a list of ids', async () => {
    await client
      .transaction()
      .createOrReplace({ _id: 'counter-1', _type: 'counter', n: 1 })
      .createOrReplace({ _id: 'counter-2', _type: 'counter', n: 2 })
      .commit()
    await client.mutate([{ patch: { query: '*[_type == "counter"]', inc: { n: 10 } } }])
    await client.patch(['counter-1', 'counter-2']).set({ touched: true }).commit()
    expect(await client.fetch('*[_type == "counter"] | order(_id asc){n, touched}')).toEqual([
      { n: 11, touched: true },
      { n: 12, touched: true },
    ])
  })

  test('ifRevisionID must match the current revision', async () => {
    const doc = await client.createOrReplace({ _id: 'guarded', _type: 'memo', title: 'Original' })
    const err = await clientFailure(client.patch('guarded').ifRevisionId('stale-revision').set({ title: 'Lost update' }).commit())
    expect(err.statusCode).toBe(409)
    expect(err.message).toContain('revision')
    expect(await client.getDocument('guarded')).toMatchObject({ title: 'Original' })

    await client.patch('guarded').ifRevisionId(doc._rev).set({ title: 'Checked update' }).commit()
    expect(await client.getDocument('guarded')).toMatchObject({ title: 'Checked update' })
  })

  test('a patch of a document that does not exist is refused', async () => {
    const err = await clientFailure(client.patch('never-created').set({ title: 'x' }).commit())
    expect(err.statusCode).toBe(409)
    expect(err.message).toContain('Document by ID "never-created" not found')
  })
})

describe('transactions', () => {
  test('a transaction whose second mutation conflicts leaves nothing behind', async () => {
    await client.createOrReplace({ _id: 'occupied', _type: 'memo' })
    const err = await clientFailure(
      client
        .transaction()
        .create({ _id: 'tx-first', _type: 'memo' })
        .create({ _id: 'occupied', _type: 'memo' })
        .patch('occupied', (p) => p.set({ title: 'never' }))
        .commit(),
    )
    expect(err.statusCode).toBe(409)
    expect(err.message).toContain('Document by ID "occupied" already exists')
    expect(await client.getDocument('tx-first')).toBeUndefined()
    expect((await client.getDocument('occupied'))?.title).toBeUndefined()
  })

  test('a transaction with a malformed mutation is rejected whole', async () => {
    const err = await clientFailure(
      client.mutate([{ create: { _id: 'tx-second', _type: 'memo' } }, { create: { _id: 'untyped' } } as never]),
    )
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain('missing a _type')
    expect(await client.getDocument('tx-second')).toBeUndefined()
  })

  test('an unknown kind of mutation is rejected', async () => {
    const err = await clientFailure(client.mutate([{ upsert: { _id: 'x', _type: 'memo' } } as never]))
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain('upsert')
  })

  test('a malformed document id is rejected', async () => {
    const err = await clientFailure(client.create({ _id: 'not an id!', _type: 'memo' }))
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain('Malformed document ID')
  })

  test('a dry run reports the outcome without keeping it', async () => {
    const result = await client.create({ _id: 'dry', _type: 'memo' }, { dryRun: true, returnDocuments: false })
    expect(result.results).toEqual([{ id: 'dry', operation: 'create' }])
    expect(await client.getDocument('dry')).toBeUndefined()
  })
})

describe('access and malformed requests', () => {
  test('writing without a token is refused with 401', async () => {
    const err = await clientFailure(anonymous.create({ _id: 'intruder', _type: 'memo' }))
    expect(err.statusCode).toBe(401)
    expect(err.message).toContain('token')
    expect(await client.getDocument('intruder')).toBeUndefined()
  })

  test('a wrong token is refused even for reading', async () => {
    const err = await clientFailure(lakeClient(lake.url, 'not-the-token').fetch('count(*)'))
    expect(err.statusCode).toBe(401)
  })

  test('a body that is not JSON is a 400 saying so', async () => {
    const err = await clientFailure(
      client.request({
        url: '/data/mutate/production',
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"mutations": [',
      }),
    )
    expect(err.statusCode).toBe(400)
    expect(err.message).toContain('not valid JSON')
  })

  test('an unknown dataset is a 404', async () => {
    const err = await clientFailure(client.withConfig({ dataset: 'staging' }).fetch('count(*)'))
    expect(err.statusCode).toBe(404)
    expect(err.message).toContain('staging')
  })
})

/** Events of a live listener, awaited one at a time. */
function eventQueue(subscribe: (next: (event: MutationEvent | { type: string }) => void) => () => void) {
  const events: (MutationEvent | { type: string })[] = []
  const waiting: ((event: MutationEvent | { type: string }) => void)[] = []
  const unsubscribe = subscribe((event) => {
    const waiter = waiting.shift()
    if (waiter) waiter(event)
    else events.push(event)
  })
  return {
    next: () => {
      const event = events.shift()
      return event ? Promise.resolve(event) : new Promise<MutationEvent | { type: string }>((resolve) => waiting.push(resolve))
    },
    close: unsubscribe,
  }
}

describe('listen', () => {
  test('a listener hears of documents appearing, changing and disappearing', async () => {
    const queue = eventQueue((next) => {
      const subscription = client
        .listen('*[_type == "bulletin" && urgent == true]', {}, { events: ['welcome', 'mutation'], includeResult: true })
        .subscribe({ next })
      return () => subscription.unsubscribe()
    })
    try {
      expect((await queue.next()).type).toBe('welcome')

      await client.create({ _id: 'bulletin-1', _type: 'bulletin', urgent: true, title: 'Border closed' })
      const appear = (await queue.next()) as MutationEvent
      expect(appear).toMatchObject({ type: 'mutation', documentId: 'bulletin-1', transition: 'appear' })
      expect(appear.result).toMatchObject({ title: 'Border closed' })
      expect(appear.mutations).toEqual([{ create: expect.objectContaining({ _id: 'bulletin-1' }) }])

      await client.create({ _id: 'bulletin-2', _type: 'bulletin', urgent: false })
      await client.patch('bulletin-1').set({ title: 'Border reopened' }).commit()
      const update = (await queue.next()) as MutationEvent
      expect(update).toMatchObject({ documentId: 'bulletin-1', transition: 'update', previousRev: appear.resultRev })
      expect(update.result).toMatchObject({ title: 'Border reopened' })

      await client.patch('bulletin-1').set({ urgent: false }).commit()
      expect(await queue.next()).toMatchObject({ documentId: 'bulletin-1', transition: 'disappear' })
    } finally {
      queue.close()
    }
  })

  test('a listener without a token does not hear of drafts', async () => {
    const queue = eventQueue((next) => {
      const subscription = anonymous.listen('*[_type == "notice"]', {}, { events: ['welcome', 'mutation'] }).subscribe({ next })
      return () => subscription.unsubscribe()
    })
    try {
      expect((await queue.next()).type).toBe('welcome')
      await client.create({ _id: 'drafts.notice-1', _type: 'notice' })
      await client.create({ _id: 'notice-1', _type: 'notice' })
      expect(await queue.next()).toMatchObject({ documentId: 'notice-1', transition: 'appear' })
    } finally {
      queue.close()
    }
  })
})
