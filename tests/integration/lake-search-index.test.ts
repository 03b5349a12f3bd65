/**
 * The lake's text indexes for ranked searches (sanity/lake/storage/searchPostings.ts) on a type too
 * large to index at once: built in the background after the first search while documents are
 * written, replaced and deleted, a search answers as plain groq-js does before the indexes are
 * complete, once they are, and after later writes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'groq-js'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { random } from '../../bench/generate-archive'
import { SearchableType } from '../../sanity/lake/query/search/searchableType'
import { DocumentStore, type LakeDocument } from '../../sanity/lake/storage/store'
import { commitTo, lakeAndPlain } from '../harness/storeQueries'

const STORIES = 3_000
const WORDS = ['ship', 'Shipping', 'coal', 'COAL-fired', 'rice', 'торговля', 'λόγος', 'exports', 'U.S.']
const QUERY = `*[_type == "story" && defined(slug) && [headline, body] match $terms]
  | score(boost(headline match $terms, 3), body match $terms)
  | order(_score desc, publishedAt desc)[$start...$end]{ _id, _score }`
const SEARCHES = [
  { terms: 'ship*', start: 0, end: 20 },
  { terms: 'coal* rice', start: 40, end: 60 },
  { terms: 'торговля λογοσ*', start: 0, end: 20 },
]

const r = random(2026)
const words = (count: number) => Array.from({ length: count }, () => r.pick(WORDS)).join(' ')
/** A sample story whose text is a few of the words, published on one of a few days (ties among them). */
const story = (i: number): LakeDocument => ({
  _id: `story-${i}`,
  _type: 'story',
  headline: words(1 + r.int(3)),
  body: words(4 + r.int(12)),
  publishedAt: `2026-01-0${1 + r.int(5)}T00:00:00.000Z`,
  ...(r.chance(0.9) ? { slug: `story-${i}` } : {}),
})

let dataDir: string
let store: DocumentStore

const commit = (changes: { id: string; document: LakeDocument | null }[]) => commitTo(store, changes)

async function expectSameAsGroq() {
  for (const params of SEARCHES) {
    const { fromLake, plain } = await lakeAndPlain(store, QUERY, params)
    expect(fromLake, JSON.stringify(params)).toEqual(plain)
  }
}

const searchable = () => SearchableType.of(store, 'story')
const indexesReady = () =>
  searchable()
    .textIndexes([parse('[headline, body]') as never, parse('headline') as never])
    .every((index) => index !== undefined)

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-search-index-'))
  store = DocumentStore.open(dataDir)
  commit(Array.from({ length: STORIES }, (_, i) => ({ id: `story-${i}`, document: story(i) })))
})

afterAll(() => {
  store.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test('searches answer as plain groq-js while the indexes are built, once they are, and after writes', async () => {
  await expectSameAsGroq()
  expect(indexesReady()).toBe(false)
  // Writes while the indexes are built: every story replaced, then a third of them again, then in
  // each round a few replaced, one deleted, a draft and a new story.
  for (let slice = 0; slice < 2; slice++) await new Promise((resolve) => setImmediate(resolve))
  const replaced = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `story-${i}`, document: story(i) }))
  commit(replaced(STORIES))
  commit(replaced(1_100))
  let next = STORIES
  for (let round = 0; !indexesReady(); round++) {
    commit([
      ...Array.from({ length: 40 }, (_, k) => {
        const i = (round * 40 + k) % STORIES
        return { id: `story-${i}`, document: story(i) }
      }),
      { id: `story-${(round * 7) % STORIES}`, document: null },
      { id: `drafts.story-${round}`, document: { ...story(round), _id: `drafts.story-${round}` } },
      { id: `story-${next}`, document: story(next++) },
    ])
    await new Promise((resolve) => setImmediate(resolve))
  }
  await expectSameAsGroq()
  for (let round = 0; round < 12; round++) {
    commit(
      Array.from({ length: 500 }, (_, k) => {
        const i = (round * 500 + k) % next
        return { id: `story-${i}`, document: story(i) }
      }),
    )
  }
  commit([
    { id: 'story-1', document: null },
    { id: 'story-2', document: { ...story(2), _score: 5 } },
  ])
  await expectSameAsGroq()
})
