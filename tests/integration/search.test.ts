/**
 * Search as the page runs it (lib/site/search.ts, SEARCH_QUERY), on the embedded lake with the
 * app's client: a story with the words in its headline ranks above one with them in its standfirst,
 * which ranks above those with them in the body only, newest first among equals; every word must
 * be there; words are prefixes; and the lake's answer is plain groq-js's over the same documents.
 */
import { evaluate, parse } from 'groq-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEARCH_QUERY } from '@/lib/content/queries'
import { listingSlice } from '@/lib/site/listingPages'
import { searchRequestOf } from '@/lib/site/search'
import { startTestLake, type TestLake } from '../harness/lake'
import { block, span } from '../harness/portableText'

// Sample stories for this test, each with the words in a different place.
const sample = (id: string, day: number, fields: { headline: string; standfirst?: string; body?: string }) => ({
  _id: `article.sample-search-${id}`,
  _type: 'article',
  slug: { _type: 'slug', current: `sample-search-${id}` },
  publishedAt: new Date(Date.UTC(2003, 0, day)).toISOString(),
  headline: fields.headline,
  standfirst: fields.standfirst,
  body: [block('p1', [span(fields.body ?? 'Nothing to see.', [], 's1'), span(' End of sample.', ['strong'], 's2')])],
})
const STORIES = [
  sample('body-old', 1, { headline: 'Sample: Port figures', body: 'Wombat freight rose at the port.' }),
  sample('headline', 2, { headline: 'Sample: Wombat freight at the border', body: 'Rail traffic rose.' }),
  sample('standfirst', 3, { headline: 'Sample: Border notes', standfirst: 'Wombats and their freight.' }),
  sample('body-new', 4, { headline: 'Sample: Rail figures', body: 'The wombat freight fell.' }),
  sample('one-word', 5, { headline: 'Sample: Wombat sightings', body: 'No cargo at all.' }),
  { ...sample('draft', 6, { headline: 'Sample: Wombat freight draft' }), _id: 'drafts.article.sample-search-draft' },
]

describe('search on the embedded lake', () => {
  let testLake: TestLake

  beforeAll(async () => {
    testLake = await startTestLake()
    const transaction = testLake.client.transaction()
    for (const story of STORIES) transaction.createOrReplace(story)
    await transaction.commit()
  })
  afterAll(() => testLake?.stop())

  const search = async (q: string, page = 1) => {
    const request = searchRequestOf({ q, page: String(page) })
    if (!request) throw new Error(`"${q}" is no search`)
    const params = { terms: request.terms, ...listingSlice(request.page) }
    const fromLake = await testLake.client.fetch(SEARCH_QUERY, params)
    const published = (await testLake.client.fetch('*[!(_id in path("drafts.**"))]', {}, { perspective: 'raw' })) as unknown[]
    const plain = await (await evaluate(parse(SEARCH_QUERY, { params }), { dataset: published, params })).get()
    expect(fromLake).toEqual(plain)
    return fromLake.map((story) => story.slug)
  }

  it('ranks headline over standfirst over body, newest first among equals, and leaves out drafts', async () => {
    expect(await search('wombat freight')).toEqual([
      'sample-search-headline',
      'sample-search-standfirst',
      'sample-search-body-new',
      'sample-search-body-old',
    ])
  })

  it('needs every word, each as the start of a word, in any case', async () => {
    expect(await search('WOMBAT')).toContain('sample-search-one-word')
    expect(await search('wombat cargo')).toEqual(['sample-search-one-word'])
    expect(await search('omba')).toEqual([])
    expect(await search('wom fre')).toHaveLength(4)
  })

  it('finds the reference story by words of its headline and body', async () => {
    expect(await search('North Korea imports China')).toContain('nk-imports-from-china-spike-in-march')
    expect(await search('Sinuiju')).toContain('nk-imports-from-china-spike-in-march')
  })

  it('gives a page past the last no results', async () => {
    expect(await search('wombat', 2)).toEqual([])
  })
})
