/**
 * The ranked search's postings in the lake's database (sanity/lake/storage/searchPostings.ts): a
 * text indexed once is kept across restarts and answers at once after one, commits keep it
 * current (those made before any search after a restart too), a failed commit leaves it as it
 * was, a database without the postings or in another format indexes them again, and texts past
 * the per-type limit are dropped from disk. Every search is checked against plain groq-js.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'groq-js'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { random } from '../../bench/generate-archive'
import { SearchableType } from '../../sanity/lake/query/search/searchableType'
import { DATABASE_FILE } from '../../sanity/lake/storage/documentTable'
import { DatabaseSync } from '../../sanity/lake/storage/sqlite'
import { DocumentStore, type LakeDocument } from '../../sanity/lake/storage/store'
import { commitTo, lakeAndPlain } from '../harness/storeQueries'

/** More than the lake indexes at once on a first search: after a restart only kept postings answer at once. */
const STORIES = 2_500
const WORDS = ['ship', 'Shipping', 'coal', 'rice', 'торговля', 'exports']
const QUERY = `*[_type == "story" && [headline, body] match $terms]
  | score(boost(headline match $terms, 3), body match $terms)
  | order(_score desc, publishedAt desc)[0...20]{ _id, _score }`
const TEXTS = ['[headline, body]', 'headline', 'body'].map((text) => parse(text) as never)

let dataDir: string
let store: DocumentStore
const r = random(7)
const words = (count: number) => Array.from({ length: count }, () => r.pick(WORDS)).join(' ')
const story = (i: number, extra = ''): LakeDocument => ({
  _id: `story-${i}`,
  _type: 'story',
  headline: `${words(1 + r.int(2))} ${extra}`.trim(),
  body: words(3 + r.int(8)),
  publishedAt: `2026-01-0${1 + r.int(5)}T00:00:00.000Z`,
})

const commit = (changes: { id: string; document: LakeDocument | null }[]) => commitTo(store, changes)

function reopen() {
  store.close()
  store = DocumentStore.open(dataDir)
}

/** Whether the search's texts answer from their postings now, without indexing anything first. */
const answersAtOnce = () =>
  SearchableType.of(store, 'story')
    .textIndexes(TEXTS)
    .every((index) => index !== undefined)

async function untilIndexed() {
  answersAtOnce()
  while (SearchableType.isBuilding(store)) await new Promise((resolve) => setImmediate(resolve))
  expect(answersAtOnce()).toBe(true)
}

async function expectSameAsGroq(terms: string) {
  const { fromLake, plain } = await lakeAndPlain(store, QUERY, { terms })
  expect(fromLake, terms).toEqual(plain)
  return fromLake as { _id: string }[]
}

/** The database itself, as an older lake (or another format) would have left it. */
function withDatabase(change: (database: DatabaseSync) => void) {
  store.close()
  const database = new DatabaseSync(path.join(dataDir, DATABASE_FILE))
  change(database)
  database.close()
  store = DocumentStore.open(dataDir)
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-search-postings-'))
  store = DocumentStore.open(dataDir)
  commit(Array.from({ length: STORIES }, (_, i) => ({ id: `story-${i}`, document: story(i) })))
})

afterEach(() => {
  store.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('the search postings on disk', () => {
  test('are kept across a restart and answer at once after it', async () => {
    expect(answersAtOnce()).toBe(false)
    await untilIndexed()
    await expectSameAsGroq('ship*')
    reopen()
    expect(answersAtOnce()).toBe(true)
    await expectSameAsGroq('ship* coal')
  })

  test('follow commits, those made after a restart before any search included', async () => {
    await untilIndexed()
    reopen()
    commit([
      { id: 'story-1', document: story(1, 'zeppelin') },
      { id: 'story-2', document: null },
      { id: 'story-3', document: { ...story(3, 'zeppelin'), _type: 'note' } },
      { id: `story-${STORIES}`, document: story(STORIES, 'zeppelins') },
    ])
    reopen()
    expect(answersAtOnce()).toBe(true)
    expect((await expectSameAsGroq('zeppelin*')).map(({ _id }) => _id).sort()).toEqual(['story-1', `story-${STORIES}`])
    await expectSameAsGroq('rice')
  })

  test("leave out a failed commit's changes, as the documents do", async () => {
    await untilIndexed()
    expect(() =>
      commit([
        { id: 'story-1', document: story(1, 'zeppelin') },
        // BigInt has no JSON: writing this document fails, and the whole transaction with it.
        { id: 'story-2', document: { ...story(2), weight: 1n } },
      ]),
    ).toThrow()
    expect(await expectSameAsGroq('zeppelin')).toEqual([])
    reopen()
    expect(await expectSameAsGroq('zeppelin')).toEqual([])
  })

  test('are indexed again in a database without them, or in another format', async () => {
    await untilIndexed()
    withDatabase((database) => database.exec('DROP TABLE search_postings; DROP TABLE search_texts'))
    expect(answersAtOnce()).toBe(false)
    await untilIndexed()
    await expectSameAsGroq('exports торговля')
    // Another format's postings are not this one's: here, none, under texts marked complete.
    withDatabase((database) => {
      database.exec('DELETE FROM search_postings')
      database.prepare("UPDATE meta SET value = 'an older format' WHERE key = 'search postings'").run()
    })
    expect(answersAtOnce()).toBe(false)
    await untilIndexed()
    expect((await expectSameAsGroq('coal')).length).toBeGreaterThan(0)
  })

  test('of a type are kept for at most eight texts, the least recently searched dropped from disk', async () => {
    const texts = ['headline', 'body', 'publishedAt', '[headline]', '[body]', '[body, headline]', '[headline, body]', 'lower(headline)']
    const searchable = SearchableType.of(store, 'story')
    for (const text of texts) searchable.textIndexes([parse(text) as never])
    while (SearchableType.isBuilding(store)) await new Promise((resolve) => setImmediate(resolve))
    searchable.textIndexes([parse('upper(body)') as never])
    for (let turn = 0; turn < 1_000 && (SearchableType.isBuilding(store) || postingTexts().length > 8); turn++) {
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(postingTexts()).toHaveLength(8)
    expect(postingTexts()).not.toContain(JSON.stringify(parse('headline')))
  })
})

/** The texts the database holds postings for. */
function postingTexts(): string[] {
  const rows = store.database.prepare('SELECT text FROM search_texts WHERE id IN (SELECT DISTINCT text FROM search_postings)').all()
  return rows.map((row) => String(row.text))
}
