/**
 * Content Source Maps from the embedded lake, read as Presentation's preview reads them: the real
 * `@sanity/client` with stega on, in the drafts perspective, over the seeded reference story and
 * sample content (with a draft of the reference story). Every string that comes back with stega
 * must name the document and path it was read from: the Studio link opens that document, and the
 * value at that path is the string shown.
 */
import type { SanityClient } from '@sanity/client'
import { stegaClean } from '@sanity/client/stega'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import * as queries from '@/lib/content/queries'
import { listingSlice } from '@/lib/site/listingPages'
import { clientFailure } from '../harness/clientFailure'
import { startTestLake, type TestLake } from '../harness/lake'
import { REFERENCE_STORY_ID, REFERENCE_STORY_SLUG } from '../harness/referenceStory'
import { editTarget, expectStegaPointsAtSources, type ResultPath } from '../harness/stega'

const STUDIO_URL = 'https://studio.factline.test'
const DRAFT_HEADLINE = 'NK imports from China spike in March, data show'
const DRAFT_OPENING = 'North Korea’s imports from China jumped in March.'

let lake: TestLake
let stega: SanityClient
let raw: SanityClient

const page = listingSlice(1)
/** The pages' queries, with parameters naming the seeded story and what it cites. */
const PAGE_QUERIES: { name: string; query: string; params: Record<string, unknown>; encoded: ResultPath[] }[] = [
  {
    name: 'home',
    query: queries.HOME_QUERY,
    params: {},
    encoded: [
      ['lead', 'headline'],
      ['latest', 0, 'headline'],
    ],
  },
  { name: 'navigation', query: queries.SECTIONS_QUERY, params: {}, encoded: [[0, 'title']] },
  {
    name: 'article',
    query: queries.ARTICLE_QUERY,
    params: { slug: REFERENCE_STORY_SLUG },
    encoded: [
      ['headline'],
      ['section', 'title'],
      ['authors', 0, 'author', 'name'],
      ['mainImage', 'caption'],
      ['mainImage', 'alt'],
      ['tags', 0, 'title'],
      ['body', 0, 'children', 0, 'text'],
      ['body', 1, 'children', 1, 'series', 'title'],
      ['corrections', 0, 'text'],
    ],
  },
  {
    name: 'section',
    query: queries.SECTION_QUERY,
    params: { slug: 'north-korea', ...page },
    encoded: [['title'], ['articles', 0, 'headline']],
  },
  {
    name: 'author',
    query: queries.AUTHOR_QUERY,
    params: { slug: 'ahn-sung-mi', ...page },
    encoded: [['name'], ['articles', 0, 'headline']],
  },
  { name: 'tag', query: queries.TAG_QUERY, params: { slug: 'trade', ...page }, encoded: [['title'], ['articles', 0, 'headline']] },
  {
    name: 'series',
    query: queries.SERIES_QUERY,
    params: { slug: 'north-korea-imports-from-china' },
    encoded: [['title'], ['citedBy', 0, 'headline']],
  },
  { name: 'search', query: queries.SEARCH_QUERY, params: { terms: 'imports*', ...page }, encoded: [[0, 'headline']] },
  {
    name: 'related',
    query: queries.RELATED_QUERY,
    params: { refs: ['tag.trade', 'tag.china', 'section.north-korea'], id: REFERENCE_STORY_ID },
    encoded: [[0, 'headline']],
  },
  { name: 'sections index', query: queries.SECTIONS_INDEX_QUERY, params: {}, encoded: [[0, 'description']] },
  { name: 'authors index', query: queries.AUTHORS_INDEX_QUERY, params: {}, encoded: [[0, 'name']] },
  { name: 'series index', query: queries.SERIES_INDEX_QUERY, params: { start: 0, end: 50 }, encoded: [[0, 'title']] },
  { name: 'corrections', query: queries.CORRECTIONS_QUERY, params: {}, encoded: [[0, 'corrections', 0, 'text']] },
  { name: 'social card', query: queries.SOCIAL_CARD_QUERY, params: { slug: REFERENCE_STORY_SLUG }, encoded: [['headline'], ['section']] },
  {
    name: 'site feed',
    query: queries.SITE_FEED_QUERY,
    params: {},
    encoded: [
      [0, 'headline'],
      [0, 'body', 0, 'children', 0, 'text'],
    ],
  },
]

const at = (value: unknown, path: ResultPath): unknown =>
  path.reduce<unknown>((node, step) => (node as Record<string | number, unknown>)?.[step], value)

beforeAll(async () => {
  lake = await startTestLake()
  raw = lake.client.withConfig({ perspective: 'raw' })
  stega = lake.client.withConfig({ perspective: 'drafts', stega: { enabled: true, studioUrl: STUDIO_URL } })
  // A draft of the reference story, with a correction, so that values come from a draft and a published document alike.
  const story = await raw.getDocument(REFERENCE_STORY_ID)
  if (!story) throw new Error('The seed lacks the reference story')
  const body = structuredClone(story.body) as { children: { text?: string }[] }[]
  ;(body[0]?.children[0] as { text?: string }).text = DRAFT_OPENING
  await raw.createOrReplace({
    ...story,
    _id: `drafts.${REFERENCE_STORY_ID}`,
    headline: DRAFT_HEADLINE,
    body,
    corrections: [
      { _key: 'c1', _type: 'correction', kind: 'correction', date: '2021-04-20', text: 'An earlier version misstated the month.' },
    ],
  })
}, 60_000)

afterAll(async () => {
  await lake?.stop()
})

describe('stega from the embedded lake', () => {
  test.each(PAGE_QUERIES)(
    'every encoded string of the $name query points at the document and path it shows',
    async ({ query, params, encoded }) => {
      const result = await stega.fetch(query, params)
      for (const path of encoded) {
        const value = at(result, path)
        expect(typeof value, `${path.join('.')} is a string`).toBe('string')
        expect(editTarget(value as string), `${path.join('.')} carries stega`).toBeDefined()
      }
      expect(await expectStegaPointsAtSources(result, raw)).toBeGreaterThanOrEqual(encoded.length)
    },
  )

  test('a value from a draft opens the draft in the Studio; one from a published document, that document', async () => {
    const article = await stega.fetch(queries.ARTICLE_QUERY, { slug: REFERENCE_STORY_SLUG })
    const headline = editTarget(article?.headline ?? '')
    expect(stegaClean(article?.headline)).toBe(DRAFT_HEADLINE)
    expect(headline?.documentId).toBe(`drafts.${REFERENCE_STORY_ID}`)
    expect(headline?.href).toContain(`/intent/edit/mode=presentation;id=${REFERENCE_STORY_ID};type=article;path=headline?`)
    const opening = editTarget(at(article, ['body', 0, 'children', 0, 'text']) as string)
    expect(opening?.documentId).toBe(`drafts.${REFERENCE_STORY_ID}`)
    expect(opening?.path).toMatch(/^body\[_key=="[^"]+"\]\.children\[_key=="[^"]+"\]\.text$/)
    const section = editTarget(article?.section?.title ?? '')
    expect(section?.documentId).toBe('section.north-korea')
  })

  test('computed strings carry no stega: a search snippet, ids gathered for related stories', async () => {
    const [first] = await stega.fetch(queries.SEARCH_QUERY, { terms: 'imports*', ...page })
    expect(first?.snippet).toBeTruthy()
    expect(editTarget(first?.snippet ?? '')).toBeUndefined()
    const article = await stega.fetch(queries.ARTICLE_QUERY, { slug: REFERENCE_STORY_SLUG })
    expect(article?.relatedTo.length).toBeGreaterThan(0)
    for (const id of article?.relatedTo ?? []) expect(stegaClean(id)).toBe(id)
  })
})

describe('the resultSourceMap parameter', () => {
  const PICKED = `*[_id == $id][0]{
    "opening": body[0].children, "story": @, "words": count(body), "title": coalesce(headline, "untitled"),
    "credit": mainImage.credit, "section": section->title
  }`
  const SPREAD = `*[_id == $id][0]{ ..., "words": count(body), "slug": slug.current }`
  const KEYED = 'withKeyArraySelector'
  /** Where a result path's value comes from: a path in a document, `unknown` (mapped as such), or nothing (left unmapped). */
  const CASES: { query: string; mode: typeof KEYED | true; path: string; source: string; document?: string }[] = [
    { query: PICKED, mode: KEYED, path: "$['opening']", source: "$['body'][?(@._key=='k0004')]['children']" },
    { query: PICKED, mode: true, path: "$['opening']", source: "$['body'][0]['children']" },
    { query: PICKED, mode: KEYED, path: "$['story']", source: '$' },
    { query: PICKED, mode: KEYED, path: "$['credit']", source: "$['mainImage']['credit']" },
    { query: PICKED, mode: KEYED, path: "$['section']", source: "$['title']", document: 'section.north-korea' },
    { query: PICKED, mode: KEYED, path: "$['words']", source: 'nothing' },
    { query: PICKED, mode: KEYED, path: "$['title']", source: 'nothing' },
    { query: SPREAD, mode: KEYED, path: '$', source: '$' },
    { query: SPREAD, mode: KEYED, path: "$['slug']", source: "$['slug']['current']" },
    { query: SPREAD, mode: KEYED, path: "$['words']", source: 'unknown' },
  ]

  test.each(CASES)(
    'maps $path to $source (resultSourceMap=$mode)',
    async ({ query, mode, path, source, document = REFERENCE_STORY_ID }) => {
      const answer = await lake.client.fetch(
        query,
        { id: REFERENCE_STORY_ID },
        { filterResponse: false, resultSourceMap: mode, perspective: 'published' },
      )
      const map = answer.resultSourceMap
      const mapping = map?.mappings[path]
      if (source === 'nothing') expect(mapping).toBeUndefined()
      else if (source === 'unknown') expect(mapping).toEqual({ type: 'value', source: { type: 'unknown' } })
      else {
        const from = mapping?.type === 'value' && mapping.source.type === 'documentValue' ? mapping.source : undefined
        expect(map?.paths[from?.path ?? -1]).toBe(source)
        expect(map?.documents[from?.document ?? -1]?._id).toBe(document)
      }
    },
  )

  test('maps a value worked out once for the whole query wherever the result repeats it', async () => {
    const query = '*[_type == "section"]{ title, "stories": *[_id == $id]{ headline, "slug": slug.current } }'
    const answer = await lake.client.fetch(
      query,
      { id: REFERENCE_STORY_ID },
      { filterResponse: false, resultSourceMap: KEYED, perspective: 'published' },
    )
    expect(answer.result.length).toBeGreaterThan(1)
    const map = answer.resultSourceMap
    answer.result.forEach((_: unknown, i: number) => {
      const mapping = map?.mappings[`$[${i}]['stories'][0]['slug']`]
      const from = mapping?.type === 'value' && mapping.source.type === 'documentValue' ? mapping.source : undefined
      expect(map?.paths[from?.path ?? -1], `section ${i}`).toBe("$['slug']['current']")
      expect(map?.documents[from?.document ?? -1]?._id).toBe(REFERENCE_STORY_ID)
    })
  })

  test('comes with a query too long for a URL, which the client sends as POST', async () => {
    const padding = Array.from({ length: 800 }, (_, i) => `unused-parameter-value-${i}`)
    const answer = await lake.client.fetch(
      '*[_id == $id][0]{ "title": headline, "ids": $padding }',
      { id: REFERENCE_STORY_ID, padding },
      { filterResponse: false, resultSourceMap: KEYED, perspective: 'published' },
    )
    expect(answer.result.ids).toHaveLength(800)
    const mapping = answer.resultSourceMap?.mappings["$['title']"]
    const from = mapping?.type === 'value' && mapping.source.type === 'documentValue' ? mapping.source : undefined
    expect(answer.resultSourceMap?.paths[from?.path ?? -1]).toBe("$['headline']")
  })

  test('is left out unless asked for, and a value it does not know is refused', async () => {
    const plain = await lake.client.fetch('*[_id == $id][0]{headline}', { id: REFERENCE_STORY_ID }, { filterResponse: false })
    expect(plain).not.toHaveProperty('resultSourceMap')
    const failure = await clientFailure(
      lake.client.fetch(
        '*[_id == $id][0]{headline}',
        { id: REFERENCE_STORY_ID },
        { filterResponse: false, resultSourceMap: 'yes' as never },
      ),
    )
    expect(failure.statusCode).toBe(400)
    expect(failure.message).toContain('resultSourceMap')
  })
})
