/**
 * The lake's indexes must not change any answer: every query the app makes (and a few shapes the
 * query planner treats specially) gives through the lake exactly what plain groq-js gives over the
 * same documents, in the published and drafts perspectives (with a Content Source Map as well, whose
 * stega must name where each string is held). The archive is synthetic, with drafts
 * and with the awkward cases an index could get wrong: ties in publication time across the limit,
 * timestamps whose text does not sort in time order, values of other types, nested references.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClient, type SanityClient } from '@sanity/client'
import { evaluate, parse } from 'groq-js'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type AppQuery, appQueries, paramsFor, pickSubjects, type QuerySubjects } from '../../bench/app-queries'
import { articleId, articleSlug, generateArchive, sectionId, seriesId } from '../../bench/generate-archive'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { DocumentStore, type LakeDocument } from '../../sanity/lake/storage/store'
import { perspectiveView } from '../harness/perspectiveView'
import { expectStegaPointsAtSources } from '../harness/stega'

const ARTICLES = 1100
const HOUR = 3_600_000
const NOW = Date.now()
/** The news sitemap's cut-off: no story is published within ten minutes of it, so two evaluations moments apart agree. */
const NEWS_CUTOFF = NOW - 48 * HOUR

type Perspective = 'published' | 'drafts'
const PERSPECTIVES: Perspective[] = ['published', 'drafts']

/** Shapes the planner handles in particular ways, beyond what the app asks today. */
const PLANNER_PROBES: AppQuery[] = [
  { name: 'ascending, one element', query: '*[_type == "article" && defined(publishedAt)] | order(publishedAt asc)[3]{_id}' },
  { name: 'two keys, missing values first', query: '*[_type == "article"] | order(publishedAt desc, _id asc)[5...40]._id' },
  { name: 'offset and inclusive slice', query: '*[_type == "article"] | order(publishedAt desc)[10..14]._id' },
  {
    name: 'string range that stops a walk',
    query: '*[_type == "article" && defined(slug.current) && publishedAt > $cut] | order(publishedAt desc)[0...400]._id',
  },
  {
    name: 'string range that cannot stop a walk',
    query: '*[_type == "article" && publishedAt < $cut] | order(publishedAt desc)[0...5]._id',
  },
  {
    name: 'time range that stops an ascending walk',
    query:
      '*[_type == "article" && defined(slug.current) && dateTime(publishedAt) < dateTime(now()) - 60*60*24*5] | order(publishedAt asc)[0...400]._id',
  },
  {
    name: 'time range that cannot stop a walk',
    query: '*[_type == "article" && dateTime(publishedAt) > dateTime(now()) - 60*60*24*3] | order(publishedAt asc)[0...5]._id',
  },
  {
    name: 'time range over timestamps whose text is out of time order',
    query: '*[_type == "syntheticEvent" && dateTime(at) > dateTime($since)] | order(at desc)[0...150]._id',
  },
  { name: 'ids in dataset order', query: '*[_id in $ids]._id' },
  { name: 'references to any of several', query: '*[_type == "article" && references($ids)] | order(publishedAt desc)[0...10]._id' },
  {
    name: 'sub-query per section',
    query:
      '*[_type == "section"] | order(title asc){ _id, "latest": *[_type == "article" && references(^._id)] | order(publishedAt desc)[0...3]._id }',
  },
  { name: 'count per author', query: '*[_type == "author"] | order(_id asc)[0...4]{ _id, "stories": count(*[references(^._id)]) }' },
  {
    name: 'outer scope beyond the parent',
    query:
      '*[_type == "section" && slug.current == $slug]{ "ids": *[_type == "article" && references(^._id) && ^.^._id == null] | order(publishedAt desc)[0...4]._id }',
  },
  {
    name: 'sub-query inside a filter',
    query: '*[_type == "article" && references(*[_type == "section"] | order(_id asc)[0]._id)] | order(publishedAt desc)[0...3]._id',
  },
  { name: 'slug shared across types', query: '*[slug.current == $slug]{_id, _type}' },
  // Text search (SEARCH_QUERY's shape): words in nearly every story, in a few, in none; prefixes,
  // exact words, words that are not ASCII, and a pattern that is not a string.
  ...[
    ['a word in nearly every story', 'exports*'],
    ['two words', 'coal* rice*'],
    ['an exact word', 'exports'],
    ['a story number', '880*'],
    ['a word in no story', 'zeppelin*'],
    ['a word that is not ASCII', 'ｅxports* 무역*'],
    ['punctuation in the pattern', 'coal.rice re-exports'],
  ].map(([what, terms]) => ({
    name: `text search: ${what}`,
    query: `*[_type == "article" && array::compact([headline, standfirst, ...body[].children[].text]) match "${terms}"]
      | score(boost(headline match "${terms}", 4), array::compact(body[].children[].text) match "${terms}")
      | order(_score desc, publishedAt desc)[0...30]{ _id, _score }`,
  })),
  { name: 'text search: a pattern that is no string', query: '*[_type == "article" && headline match 880]._id' },
  { name: 'text search: the whole document', query: '*[_type == "article" && @ match "exports"][0...5]._id' },
  {
    name: 'text search: a value that is not the document’s own',
    query: '*[_type == "article" && [headline, "exports"] match "exports"][0...5]._id',
  },
  {
    name: 'time range found by halving, newest first',
    query: '*[_type == "syntheticTick" && defined(label) && dateTime(at) > dateTime($since)] | order(at desc)[0...150]._id',
  },
  {
    name: 'time range found by halving, oldest first',
    query: '*[_type == "syntheticTick" && dateTime(at) <= dateTime($since)] | order(at asc)[2...500]._id',
  },
  {
    name: 'string range found by halving, past the limit',
    query: '*[_type == "article" && defined(slug.current) && publishedAt > $cut] | order(publishedAt desc)[0...1000]._id',
  },
  {
    name: 'one reference in order, with an offset',
    query: '*[_type == "article" && references($author) && defined(slug.current)] | order(publishedAt desc)[3...20]._id',
  },
  {
    name: 'one reference and a string range',
    query: '*[_type == "article" && references($author) && publishedAt > $cut] | order(publishedAt asc)[0...50]._id',
  },
  {
    name: 'newest citing story of each series',
    query:
      '*[_type == "tradeSeries"] | order(title asc)[0...12]{ _id, "newest": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0]{ _id, publishedAt } }',
  },
  { name: 'offset read straight from the index', query: '*[_type == "article"] | order(publishedAt asc)[600...640]{_id}' },
  { name: 'offset inside a run of ties', query: '*[_type == "article"] | order(publishedAt desc)[12...45]._id' },
  { name: 'element inside a run of ties', query: '*[_type == "article"] | order(publishedAt desc)[17]._id' },
  { name: 'offset past the end', query: '*[_type == "article"] | order(publishedAt asc)[1150...1300]._id' },
  { name: 'offset among missing values', query: '*[_type == "article"] | order(updatedAt desc)[300...320]._id' },
  {
    name: 'offset with a filter to test',
    query: '*[_type == "article" && defined(slug.current) && defined(publishedAt)] | order(publishedAt desc)[20...60]._id',
  },
  { name: 'offset within a reference', query: '*[_type == "article" && references($ids)] | order(publishedAt asc)[3...9]._id' },
  {
    name: 'offset per section',
    query:
      '*[_type == "section"] | order(title asc)[2...5]{ _id, "older": *[_type == "article" && references(^._id)] | order(publishedAt desc)[2...4]._id }',
  },
  { name: 'offset with two keys', query: '*[_type == "article"] | order(publishedAt desc, _id desc)[20...40]._id' },
  {
    name: 'counts by type',
    query: '{ "articles": count(*[_type == "article"]), "authors": count(*[_type == "author"]), "none": count(*[_type == "nothing"]) }',
  },
  { name: 'count with a filter to test', query: 'count(*[_type == "article" && defined(updatedAt)])' },
]

/**
 * Ranked searches (`match`, `score()`, `boost()`, `order(_score desc, …)`, a page), which the lake
 * answers from its text indexes: each query with each pattern. Patterns with a `.` or a `*` before
 * a term's end, or none at all, are ones the indexes do not answer, so groq-js ranks them.
 */
const RANKED_SEARCHES = {
  'the search page': `*[_type == "article" && defined(slug.current) && array::compact([headline, standfirst, ...body[].children[].text]) match $terms]
    | score(boost(headline match $terms, 4), boost(standfirst match $terms, 2))
    | order(_score desc, publishedAt desc)[$start...$end]{ _id, _score }`,
  'portable text, a negative and a fractional boost, two keys after the score': `*[_type == "article" && pt::text(body) match $terms]
    | score(headline match $terms, boost(pt::text(body) match $terms, -1), boost(standfirst match $terms, 0.5))
    | order(_score desc, headline asc, publishedAt desc)[$start..$end]{ _id, _score, headline }`,
  'every match, ties in dataset order': `*[_type == "article" && headline match $terms] | score(headline match $terms) | order(_score desc)._id`,
}
const SEARCH_PATTERNS: [string, unknown, number][] = [
  ['a prefix in nearly every story', 'export*', 0],
  ['a word, whole', 'exports', 0],
  ['two words, a page past the first', 'ship* export*', 10],
  ['the same word twice', 'ship* ship', 0],
  ['a word in a few stories', 'shipments', 0],
  ['Cyrillic, in another case', 'торговля* ЭКСПОРТ*', 0],
  ['Greek sigma, final and not', 'λογοσ σοφία*', 0],
  ['German sharp s', 'STRAßE', 0],
  ['Turkish i', 'istanbul ıstanbul*', 0],
  ['the Kelvin sign', 'k*', 0],
  ['Japanese', '日本* 輸出', 0],
  ['dots inside a word', 'u.s* e.g', 0],
  ['terms as an array', ['ship*', 'exp*'], 0],
  ['a word in no story', 'zeppelin*', 0],
  ['no word at all', '!!!', 0],
  ['a wildcard inside a term (groq-js ranks)', 'ex*rts', 0],
  ['a dot between non-letters (groq-js ranks)', 'é.é', 0],
  ['a term that is all wildcard (groq-js ranks)', 'ship *', 0],
]

let lake: RunningLake
let dataDir: string
let client: SanityClient
let stored: LakeDocument[]
let subjects: QuerySubjects

/** Synthetic stories that test the planner's edge cases. */
function awkwardDocuments(newest: number): LakeDocument[] {
  const story = (id: string, fields: Record<string, unknown>): LakeDocument => ({
    _id: `article.synthetic-awkward-${id}`,
    _type: 'article',
    headline: `Synthetic awkward article ${id}`,
    slug: { _type: 'slug', current: `synthetic-awkward-${id}` },
    section: { _type: 'reference', _ref: sectionId(1) },
    authors: [],
    ...fields,
  })
  // Nine hours west of UTC: the text reads nine hours earlier than the instant it names.
  const westOfUtc = (time: number) => `${new Date(time - 9 * HOUR).toISOString().slice(0, 19)}-09:00`
  const { slug: _, ...withoutSlug } = story('no-slug', {})
  return [
    // Inside the news window, but as text sorting among stories published before it opened.
    story('offset', { publishedAt: westOfUtc(NEWS_CUTOFF + 2 * HOUR) }),
    // Among the newest, and left out of every list for want of a web address.
    { ...withoutSlug, publishedAt: new Date(newest - 10 * 60_000).toISOString() },
    story('no-millis', { publishedAt: new Date(NEWS_CUTOFF + 5 * HOUR).toISOString().replace('.000Z', 'Z') }),
    story('number', { publishedAt: 12345 }),
    story('null', { publishedAt: null }),
    story('boolean', { publishedAt: true }),
    // Cites the section only deep inside the body, which `references()` sees and `section._ref` does not.
    story('nested-reference', {
      section: { _type: 'reference', _ref: sectionId(2) },
      publishedAt: new Date(newest - 30 * 60_000).toISOString(),
      body: [
        {
          _type: 'block',
          _key: 'b',
          markDefs: [{ _type: 'link', _key: 'l', target: { _type: 'reference', _ref: sectionId(1) } }],
          children: [],
        },
      ],
    }),
    // An author sharing a story's web address.
    {
      _id: 'author.synthetic-awkward',
      _type: 'author',
      name: 'Synthetic awkward author',
      slug: { _type: 'slug', current: articleSlug(ARTICLES - 1) },
    },
  ]
}

/**
 * Two hundred events ten minutes apart, and one among the newest ten whose timestamp is written
 * 23 hours west of UTC, so that its text sorts with events a day older.
 */
function events(): LakeDocument[] {
  const MINUTE = 60_000
  const spaced = Array.from({ length: 200 }, (_, i) => ({
    _id: `syntheticEvent.${String(i).padStart(3, '0')}`,
    _type: 'syntheticEvent',
    at: new Date(NOW - (i + 1) * 10 * MINUTE).toISOString(),
  }))
  const instant = NOW - 55 * MINUTE
  const west = `${new Date(instant - 23 * HOUR).toISOString().slice(0, 19)}-23:00`
  return [...spaced, { _id: 'syntheticEvent.west', _type: 'syntheticEvent', at: west }]
}

/** Two hundred ticks ten minutes apart, every timestamp canonical, so a time range on them is found by halving the index. */
function ticks(): LakeDocument[] {
  return Array.from({ length: 200 }, (_, i) => ({
    _id: `syntheticTick.${String(i).padStart(3, '0')}`,
    _type: 'syntheticTick',
    at: new Date(NOW - (i + 1) * 10 * 60_000 - 7_000).toISOString(),
    ...(i % 7 === 3 ? {} : { label: `tick ${i}` }),
  }))
}

/** Thirty stories published at the same instant, newer than all others, stored far apart: more than a page of ties. */
function tiedStories(newest: number): LakeDocument[] {
  const publishedAt = new Date(newest + 60_000).toISOString()
  return Array.from({ length: 30 }, (_, i) => ({
    _id: `article.synthetic-tie-${String(i).padStart(2, '0')}`,
    _type: 'article',
    headline: `Synthetic tied article ${i}`,
    slug: { _type: 'slug', current: `synthetic-tie-${i}` },
    section: { _type: 'reference', _ref: sectionId(i % 3) },
    authors: [{ _type: 'byline', _key: 'a', author: { _type: 'reference', _ref: 'author.synthetic-00001' } }],
    body: [
      {
        _type: 'block',
        _key: 'p',
        children: [{ _type: 'tradeFact', _key: 'f', series: { _type: 'reference', _ref: seriesId(i % 4) }, period: '2026-01' }],
      },
    ],
    publishedAt,
  }))
}

/**
 * Synthetic stories for ranked search: words in other scripts and the case rules of a RegExp
 * without the `u` flag (Greek final sigma, German sharp s, Turkish dotted and dotless i, the
 * Kelvin sign), texts that are arrays with other values in them or no text at all, a story with a
 * `_score` of its own (which `score()` adds to), dots inside words, and five stories alike in
 * every ranked respect, stored apart, whose order only their place in the dataset decides.
 */
function searchStories(newest: number): LakeDocument[] {
  const story = (id: string, fields: Record<string, unknown>): LakeDocument => ({
    _id: `article.synthetic-search-${id}`,
    _type: 'article',
    slug: { _type: 'slug', current: `synthetic-search-${id}` },
    publishedAt: new Date(newest - 3 * HOUR).toISOString(),
    ...fields,
  })
  const paragraph = (text: string) => [{ _type: 'block', _key: 'p', children: [{ _type: 'span', _key: 's', text }] }]
  return [
    story('cyrillic', { headline: 'Торговля зерном растёт', standfirst: 'ТОРГОВЛЯ и экспорт', body: paragraph('Экспорт зерна вырос') }),
    story('greek', { headline: 'ΣΟΦΊΑ και σοφία', standfirst: 'Λόγος λόγοσ ΛΌΓΟΣ', body: paragraph('Σεισμός') }),
    story('sharp-s', { headline: 'Straße STRASSE strasse', body: paragraph('Die Straße der Schiffe') }),
    story('turkish', { headline: 'İstanbul ıstanbul Istanbul', standfirst: 'shipping via istanbul' }),
    story('kelvin', { headline: 'Kelvin \u212Aelvin kelvin', body: paragraph('Ship at 300 \u212A') }),
    story('cjk', { headline: '日本の輸出 日本', standfirst: '輸出と輸入', body: paragraph('日本の輸出は増えた') }),
    story('array-headline', { headline: ['Ship exports', 42, null, 'ship'], standfirst: { text: 'ship' } }),
    story('number-headline', { headline: 1234, standfirst: 'Ship ship SHIP ships', body: paragraph('exports') }),
    story('own-score', { headline: 'Ship exports', _score: 7, body: paragraph('ship') }),
    story('dotted', { headline: 'U.S. exports...and imports', standfirst: 'e.g. coal' }),
    story('no-text', {}),
    ...Array.from({ length: 5 }, (_, i) => story(`alike-${i}`, { headline: 'Synthetic alike shipments', body: paragraph('exports') })),
  ]
}

function archive(): LakeDocument[] {
  const newest = NOW - HOUR
  const docs = generateArchive({ articles: ARTICLES, drafts: 40, newest: new Date(newest).toISOString() })
  for (const doc of docs) {
    const at = typeof doc.publishedAt === 'string' ? Date.parse(doc.publishedAt) : Number.NaN
    if (Math.abs(at - NEWS_CUTOFF) < 10 * 60_000) doc.publishedAt = new Date(NEWS_CUTOFF - 10 * 60_000).toISOString()
  }
  const ties = tiedStories(newest)
  // Half the ties before every other document, half after.
  const [alikeFirst, alikeSecond, ...searched] = searchStories(newest).reverse()
  return [
    alikeFirst as LakeDocument,
    ...ties.slice(0, 15),
    ...searched.slice(0, 6),
    ...docs,
    ...awkwardDocuments(newest),
    alikeSecond as LakeDocument,
    ...events(),
    ...searched.slice(6),
    ...ticks(),
    ...ties.slice(15),
  ]
}

async function plainGroq(query: string, params: Record<string, unknown>, perspective: Perspective, docs = stored): Promise<unknown> {
  const value = await evaluate(parse(query, { params }), {
    dataset: perspectiveView(docs, perspective),
    sanity: { projectId: 'local', dataset: 'production' },
  })
  // As the lake's answer arrives: through JSON.
  return JSON.parse(JSON.stringify((await value.get()) ?? null))
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-equivalence-'))
  lake = await startLake({ port: 0, dataDir })
  client = createClient({
    projectId: 'local',
    dataset: 'production',
    apiHost: lake.url,
    useProjectHostname: false,
    apiVersion: '2025-02-19',
    useCdn: false,
    token: lake.token,
  })
  const docs = archive()
  for (let i = 0; i < docs.length; i += 200) {
    const transaction = client.transaction()
    for (const doc of docs.slice(i, i + 200)) transaction.createOrReplace(doc)
    await transaction.commit()
  }
  // The documents exactly as stored (with the lake's _rev and timestamps), in dataset order.
  const store = DocumentStore.open(dataDir, { readOnly: true })
  stored = [...store.documents()]
  store.close()
  subjects = pickSubjects(stored)
})

afterAll(async () => {
  await lake?.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const paramsOf = (query: AppQuery) => paramsFor(query, subjects)
const probeParams = () => ({
  author: subjects.author.id,
  cut: new Date(NOW - 20 * 24 * HOUR).toISOString(),
  ids: [seriesId(3), articleId(20), subjects.section.id, articleId(10), 'missing-id', seriesId(1)],
  slug: subjects.section.slug,
  since: new Date(NOW - 105 * 60_000).toISOString(),
})

describe.each(PERSPECTIVES)('the lake answers as plain groq-js (%s perspective)', (perspective) => {
  test.each(appQueries())('$name', async (query) => {
    const params = paramsOf(query)
    const fromLake = await client.fetch(query.query, params, { perspective })
    const expected = await plainGroq(query.query, params, perspective)
    expect(fromLake).toEqual(expected)
    // The parameters name real documents: an empty answer would prove little.
    expect(expected === null || (Array.isArray(expected) && expected.length === 0)).toBe(false)
  })

  test.each(PLANNER_PROBES)('planner probe: $name', async ({ query }) => {
    const params = Object.fromEntries(Object.entries(probeParams()).filter(([name]) => query.includes(`$${name}`)))
    const fromLake = await client.fetch(query, params, { perspective })
    expect(fromLake).toEqual(await plainGroq(query, params, perspective))
  })

  // Content Source Maps are worked out while evaluating, from hidden keys the lake adds to each
  // projection: the answer must be the same with a map as without.
  test.each(appQueries())('$name, with a source map', async (query) => {
    const params = paramsOf(query)
    const mapped = await client.fetch(query.query, params, { perspective, filterResponse: false, resultSourceMap: 'withKeyArraySelector' })
    expect(mapped.result).toEqual(await client.fetch(query.query, params, { perspective }))
    expect(mapped.resultSourceMap?.mappings).toBeDefined()
  })

  test.each(appQueries())('$name, with stega: each encoded string names the document and path that hold it', async (query) => {
    const stega = client.withConfig({ perspective, stega: { enabled: true, studioUrl: 'https://studio.factline.test' } })
    const result = await stega.fetch(query.query, paramsOf(query))
    await expectStegaPointsAtSources(result, client.withConfig({ perspective: 'raw' }))
  })

  describe.each(Object.entries(RANKED_SEARCHES))('ranked search: %s', (_, query) => {
    test.each(SEARCH_PATTERNS)('%s', async (_what, terms, start) => {
      const params = Object.fromEntries(Object.entries({ terms, start, end: start + 12 }).filter(([name]) => query.includes(`$${name}`)))
      const fromLake = await client.fetch(query, params, { perspective })
      expect(fromLake).toEqual(await plainGroq(query, params, perspective))
    })
  })
})

test('the archive holds what the cases above rely on', () => {
  const slugs = new Set(stored.map((doc) => (doc.slug as { current?: string } | undefined)?.current))
  expect(slugs.has(subjects.article.slug)).toBe(true)
  expect(stored.filter((doc) => doc._id.startsWith('drafts.')).length).toBe(40)
  expect(stored.filter((doc) => doc._id.startsWith('article.synthetic-tie-')).length).toBe(30)
})

describe('after writes, the indexes still answer as plain groq-js', () => {
  const queries = [
    '*[_type == "article" && references($author) && defined(slug.current)] | order(publishedAt desc)[0...40]._id',
    '*[_type == "article" && references($author)] | order(publishedAt asc)[5...25]._id',
    '*[_type == "author"] | order(name asc)[0...6]{ _id, "newest": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0]._id }',
    '*[_type == "article"] | order(publishedAt desc)[10...60]._id',
    '{ "articles": count(*[_type == "article"]), "authors": count(*[_type == "author"]) }',
  ]
  const cites = (doc: LakeDocument, id: string) => JSON.stringify(doc).includes(`"_ref":"${id}"`)

  test('ordered, per-reference and counted answers follow moves, dropped and added references, deletions and drafts', async () => {
    const author = subjects.author.id
    const params = { author }
    // Build the indexes the queries use, so that the writes below must update them.
    for (const perspective of PERSPECTIVES) for (const query of queries) await client.fetch(query, params, { perspective })
    const citing = stored.filter((doc) => doc._type === 'article' && !doc._id.startsWith('drafts.') && cites(doc, author))
    const [moved, dropped, deleted, drafted] = citing as [LakeDocument, LakeDocument, LakeDocument, LakeDocument]
    const other = stored.find((doc) => doc._type === 'article' && !doc._id.startsWith('drafts.') && !cites(doc, author)) as LakeDocument
    const byline = { _type: 'byline', _key: 'after-writes', author: { _type: 'reference', _ref: author } }
    const minutesFromNow = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString()
    await client
      .transaction()
      .patch(moved._id, (patch) => patch.set({ publishedAt: minutesFromNow(5) }))
      .patch(dropped._id, (patch) => patch.set({ authors: [] }))
      .patch(other._id, (patch) => patch.set({ authors: [byline] }))
      .delete(deleted._id)
      .createOrReplace({ ...drafted, _id: `drafts.${drafted._id}`, publishedAt: minutesFromNow(10) })
      .create({
        _id: 'article.synthetic-after-writes',
        _type: 'article',
        headline: 'Synthetic article after writes',
        slug: { _type: 'slug', current: 'synthetic-after-writes' },
        publishedAt: minutesFromNow(1),
        authors: [byline],
      })
      .create({ _id: 'author.synthetic-after-writes', _type: 'author', name: 'A synthetic author, first by name' })
      .commit()
    const store = DocumentStore.open(dataDir, { readOnly: true })
    const after = [...store.documents()]
    store.close()
    for (const perspective of PERSPECTIVES) {
      for (const query of queries) {
        expect(await client.fetch(query, params, { perspective })).toEqual(await plainGroq(query, params, perspective, after))
      }
    }
  })
})
