/**
 * A seeded, randomized comparison of the lake with plain groq-js: random datasets (ties, drafts,
 * release versions, private ids, references, values of mixed types), changed by patches, deletes
 * and new documents between rounds, and queries of the shapes the planner treats specially
 * (ordered slices with offsets, ranges, `_id in` with repeated ids, `references()`, counts,
 * sub-queries per document, ranked searches), asked in every perspective and without a token. Every
 * answer must equal plain groq-js's over the same documents, with a Content Source Map asked for or not.
 *
 * The suite runs a fixed number of rounds from a fixed seed; FACTLINE_DIFF_SEED picks another
 * (a failure prints its seed, round and query, so it can be replayed).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { SanityClient } from '@sanity/client'
import { evaluate, parse } from 'groq-js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { random } from '../../bench/generate-archive'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { lakeClient } from '../harness/lake'
import { perspectiveView, type Reader } from '../harness/perspectiveView'

const SEED = Number(process.env.FACTLINE_DIFF_SEED ?? 20_261_205)
const ROUNDS = 8
const QUERIES_PER_ROUND = 40

type Doc = { _id: string; _type: string; [field: string]: unknown }
const READERS: Reader[] = ['published', 'drafts', 'raw', 'anonymous']

type Random = ReturnType<typeof random>

const TYPES = ['post', 'author', 'tag'] as const
const TIMES = [
  '2024-01-01T00:00:00.000Z',
  '2024-01-02T00:00:00.000Z',
  '2024-01-02T00:00:00.000Z',
  '2024-03-05T12:30:00.000Z',
  '2025-07-09T08:00:00.000Z',
  // Not canonical: their text does not sort in time order with the others.
  '2024-01-02T01:00:00+02:00',
  '2024-02-01T00:00:00Z',
]
const PREFIXES = ['', '', '', '', 'drafts.', 'drafts.', 'versions.r1.', 'private.']
/** Words of texts to search, some alike but for case, script or a prefix. */
const WORDS = ['ship', 'Ship', 'shipping', 'SHIPS', 'coal', 'Coal-fired', 'Торговля', 'торговля', 'λόγος', 'U.S.', 'ſhip', '輸出']
/** Patterns to search with: prefixes, whole words, several words, other scripts, and ones groq-js ranks itself. */
const PATTERNS = ['ship*', 'ship', 'SHIP* coal*', 'торговля', 'λόγοσ*', 'u.s', '輸*', 'alpha* be*', 'sh*p', 'nothing', '']

function mixedValue(r: Random): unknown {
  const kind = r.int(10)
  if (kind < 5) return r.int(4)
  if (kind === 5) return String(r.int(4))
  if (kind === 6) return r.chance(0.5)
  if (kind === 7) return null
  if (kind === 8) return { nested: r.int(3) }
  return undefined
}

function makeDoc(r: Random, id: string, type: string, ids: () => string[]): Doc {
  const doc: Doc = { _id: id, _type: type }
  const set = (field: string, value: unknown) => {
    if (value !== undefined) doc[field] = value
  }
  set('n', mixedValue(r))
  set('title', r.chance(0.9) ? r.pick(['Alpha', 'Beta', 'Gamma', 'Beta']) : r.int(3))
  if (r.chance(0.6)) doc.text = Array.from({ length: 1 + r.int(4) }, () => r.pick(WORDS)).join(r.pick([' ', ', ', '-', ' and ']))
  set('publishedAt', r.chance(0.85) ? r.pick(TIMES) : mixedValue(r))
  // Now and then a slug that is no string: `defined(slug.current)` holds, but the store's slug index does not list it.
  if (r.chance(0.7)) doc.slug = { current: r.chance(0.9) ? `slug-${r.int(6)}` : r.int(3) }
  const targets = ids()
  if (targets.length > 0 && r.chance(0.7)) doc.author = { _ref: r.pick(targets) }
  if (targets.length > 0 && r.chance(0.5)) {
    doc.tags = Array.from({ length: 1 + r.int(3) }, (_, k) => ({ _key: `k${k}`, _ref: r.pick(targets) }))
  }
  return doc
}

/** A mutation that changes the dataset somewhat: new documents (drafts, versions, private ids), patches, replacements and deletes. */
function randomMutation(r: Random, existing: string[], fresh: () => string): Record<string, unknown> {
  const bases = () => existing.map((id) => id.replace(/^(drafts\.|versions\.r1\.|private\.)/, ''))
  const kind = existing.length === 0 ? 0 : r.int(6)
  if (kind <= 1) {
    const id = kind === 0 || bases().length === 0 ? fresh() : r.pick(bases())
    return { createOrReplace: makeDoc(r, `${r.pick(PREFIXES)}${id}`, r.pick(TYPES), bases) }
  }
  const id = r.pick(existing)
  if (kind === 2) return { delete: { id } }
  if (kind === 3) return { patch: { id, unset: [r.pick(['n', 'publishedAt', 'slug', 'author', 'title', 'text'])] } }
  const value = kind === 4 ? (mixedValue(r) ?? r.int(4)) : r.pick(TIMES)
  return { patch: { id, set: { [kind === 4 ? 'n' : 'publishedAt']: value } } }
}

type Probe = { query: string; params: Record<string, unknown> }

/** A query of a shape the planner answers from its indexes, with parameters drawn from the dataset. */
function randomQuery(r: Random, ids: string[]): Probe {
  const some = () => (ids.length > 0 ? r.pick(ids) : 'none')
  const bare = () => some().replace(/^(drafts\.|versions\.r1\.|private\.)/, '')
  const type = r.pick(TYPES)
  const field = r.pick(['n', 'publishedAt', 'title', '_createdAt'])
  const direction = r.pick(['asc', 'desc'])
  const from = r.int(6)
  const to = from + 1 + r.int(8)
  const slice = r.pick([`[${from}...${to}]`, `[${from}..${to}]`, `[${from}]`, ''])
  const shapes: (() => Probe)[] = [
    () => ({ query: `*[_type == $type] | order(${field} ${direction})${slice}{_id, ${field}}`, params: { type } }),
    () => ({ query: `*[_type == $type && n > $x] | order(n ${direction})${slice}._id`, params: { type, x: r.int(3) } }),
    () => ({
      query: `*[_type == "post" && defined(slug.current) && publishedAt > $t] | order(publishedAt desc)${slice}._id`,
      params: { t: r.pick(TIMES) },
    }),
    () => ({
      query: `*[_type == "post" && dateTime(publishedAt) < dateTime($t)] | order(publishedAt ${direction})${slice}._id`,
      params: { t: r.pick(TIMES) },
    }),
    () => {
      const chosen = Array.from({ length: 1 + r.int(5) }, bare)
      // Repeats, on purpose: `_id in` holds once per document.
      return { query: `*[_id in $ids] | order(${field} ${direction})._id`, params: { ids: [...chosen, ...chosen.slice(0, r.int(3))] } }
    },
    () => ({ query: '*[_id in $ids]{_id, n}', params: { ids: [bare(), bare(), bare()] } }),
    () => ({ query: `*[references($id)] | order(${field} ${direction})${slice}._id`, params: { id: bare() } }),
    () => ({ query: `*[_type == "post" && references($ids)] | order(publishedAt desc)${slice}._id`, params: { ids: [bare(), bare()] } }),
    () => ({ query: 'count(*[_type == $type])', params: { type } }),
    () => ({ query: 'count(*[references($id)])', params: { id: bare() } }),
    () => ({ query: `count(*[_type == $type && ${field} > $x])`, params: { type, x: r.int(3) } }),
    () => ({
      query: `*[_type == $type] | order(_id asc)[0...6]{_id, "latest": *[_type == "post" && references(^._id)] | order(${field} ${direction})${slice}._id, "count": count(*[references(^._id)])}`,
      params: { type },
    }),
    () => ({ query: '*[slug.current == $slug] | order(_id)._id', params: { slug: `slug-${r.int(6)}` } }),
    // Sub-queries the planner works out once per query, and one it must not (it reads `^`).
    () => ({
      query: `*[_id in *[_type == $type && n == $x]._id] | order(${field} ${direction})${slice}._id`,
      params: { type, x: r.int(3) },
    }),
    () => ({ query: 'count(*[_type == "post" && title in *[_type == $type].title])', params: { type } }),
    () => ({ query: `*[_type == $type] | order(_id)[0...5]{_id, "same": *[${field} == ^.${field}] | order(_id)._id}`, params: { type } }),
    () => ({ query: `*[_type in $types] | order(${field} ${direction})${slice}._id`, params: { types: [type, r.pick(TYPES), type] } }),
    () => ({ query: `*[_type == $type]${slice}._id`, params: { type } }),
    () => ({
      query: `*[_type == $type && defined(author)] | order(${field} ${direction}, _id asc)${slice}{_id, "by": author->_id}`,
      params: { type },
    }),
    () => ({ query: `*[_type == $type && defined(slug.current)] | order(${field} ${direction})${slice}._id`, params: { type } }),
    // Elements tested in plain JavaScript: of an array, from either end, of what is no array.
    () => ({
      query: `*[_type == $type && defined(${r.pick(['tags[0]', 'tags[1]', 'tags[-1]', 'tags[0]._ref', 'title[0]', 'slug[0]'])})] | order(${field} ${direction})${slice}._id`,
      params: { type },
    }),
    // Ranked searches, which the lake answers from its text indexes (kept up to date by the writes between rounds).
    () => ({
      query: `*[_type == $type && text match $terms] | score(text match $terms) | order(_score desc)${slice === '' || slice.includes('..') ? slice : ''}._id`,
      params: { type, terms: r.pick(PATTERNS) },
    }),
    () => ({
      query: `*[_type == $type && [title, text] match $terms] | score(boost(title match $terms, 3), text match $terms) | order(_score desc${r.pick(['', `, ${field} ${direction}`])})${slice === '' || slice.includes('..') ? slice : ''}{_id, _score}`,
      params: { type, terms: r.pick(PATTERNS) },
    }),
  ]
  return r.pick(shapes)()
}

async function plainGroq({ query, params }: Probe, docs: Doc[]): Promise<unknown> {
  const value = await evaluate(parse(query, { params }), { dataset: docs, params, sanity: { projectId: 'local', dataset: 'production' } })
  return JSON.parse(JSON.stringify((await value.get()) ?? null))
}

let lake: RunningLake
let dataDir: string
let client: SanityClient
let anonymous: SanityClient

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-differential-'))
  lake = await startLake({ port: 0, dataDir })
  client = lakeClient(lake.url, lake.token).withConfig({ maxRetries: 0 })
  anonymous = lakeClient(lake.url).withConfig({ maxRetries: 0 })
})

afterAll(async () => {
  await lake.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test(`the lake answers as plain groq-js over random datasets and queries (seed ${SEED})`, { timeout: 120_000 }, async () => {
  const r = random(SEED)
  let next = 0
  const fresh = () => `doc-${next++}`
  /** The ids in dataset order, as the mutations leave them: a new id goes last, a replaced one keeps its place. */
  const order: string[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const count = round === 0 ? 60 : 4 + r.int(12)
    // One at a time, each drawn from the ids the earlier ones left.
    for (let m = 0; m < count; m++) {
      const outcome = await client.mutate([randomMutation(r, order, fresh) as never], { returnDocuments: false, visibility: 'sync' })
      for (const { id, operation } of outcome.results) {
        if (operation === 'create') order.push(id)
        if (operation === 'delete') order.splice(order.indexOf(id), 1)
      }
    }
    const stored = await client.fetch<Doc[]>('*', {}, { perspective: 'raw' })
    const context = `seed ${SEED}, round ${round}`
    expect(
      stored.map((doc) => doc._id),
      `${context}: the dataset in insertion order`,
    ).toEqual(order)
    for (let q = 0; q < QUERIES_PER_ROUND; q++) {
      const probe = randomQuery(r, order)
      for (const reader of READERS) {
        const asked =
          reader === 'anonymous'
            ? anonymous.fetch(probe.query, probe.params)
            : client.fetch(probe.query, probe.params, { perspective: reader })
        const expected = await plainGroq(probe, perspectiveView(stored, reader))
        const label = `${context}, ${reader}: ${probe.query} with ${JSON.stringify(probe.params)} (replay: FACTLINE_DIFF_SEED=${SEED})`
        expect(await asked, label).toEqual(expected)
        // With a Content Source Map (worked out from hidden keys in each projection), the same answer.
        const withMap = { filterResponse: false, resultSourceMap: 'withKeyArraySelector' } as const
        const mapped =
          reader === 'anonymous'
            ? anonymous.fetch(probe.query, probe.params, withMap)
            : client.fetch(probe.query, probe.params, { ...withMap, perspective: reader })
        expect((await mapped).result, `${label}, with a source map`).toEqual(expected)
      }
    }
  }
})
