import type { ContentSourceMap } from '@sanity/client'
import { stegaClean, stegaEncodeSourceMap } from '@sanity/client/stega'
import { describe, expect, it } from 'vitest'
import { createContentClient } from '@/lib/content/client'
import type { ARTICLE_QUERY_RESULT } from '@/lib/content/sanity.types'
import { draftPreviewStega } from '@/lib/content/stega'
import { articleJsonLd, articleMetadata } from '@/lib/feeds/articleMetadata'
import { article, context, SITE } from './feedFixtures'

const STUDIO = 'http://localhost:3333'
const { _updatedAt, ...fields } = article()
const story: NonNullable<ARTICLE_QUERY_RESULT> = {
  ...fields,
  updatedAt: null,
  relatedTo: [],
  authors: [{ _key: 'b1', role: null, author: { name: 'Ahn Sung-mi', slug: 'ahn-sung-mi', email: 'sahn@heraldcorp.com' } }],
}

/** A Content Source Map saying the whole answer is the article document, field for field, as hosted Sanity returns one. */
const wholeDocument: ContentSourceMap = {
  documents: [{ _id: story._id, _type: 'article' }],
  paths: ['$'],
  mappings: { $: { type: 'value', source: { type: 'documentValue', document: 0, path: 0 } } },
}

/** The answer as the draft-preview client encodes it once the content source returns maps. */
const marked = <T>(value: T): T => stegaEncodeSourceMap(value, wholeDocument, { ...draftPreviewStega(STUDIO), enabled: true })
const hasMarkers = (value: unknown) => JSON.stringify(value) !== JSON.stringify(stegaClean(value))

describe("a draft preview's click-to-edit markers", () => {
  it.each([
    ['the headline', { headline: 'NK imports from China spike in March' }, true],
    ['the standfirst', { standfirst: 'Imports jumped.' }, true],
    [
      'a paragraph’s text',
      { body: [{ _type: 'block', _key: 'p', children: [{ _type: 'span', _key: 's', text: 'Shipments totaled' }] }] },
      true,
    ],
    ['a photo caption', { mainImage: { caption: 'A customs post' } }, true],
    ['a section title', { section: { title: 'North Korea', slug: 'north-korea' } }, true],
    ['a slug', { slug: 'nk-imports-from-china-spike-in-march' }, false],
    ['a period', { body: [{ _type: 'block', _key: 'p', children: [{ _type: 'tradeFact', _key: 'f', period: '2021-03' }] }] }, false],
    ['the editor’s fallback text', { body: [{ _key: 'p', children: [{ _key: 'f', fallbackText: '$12.98 million' }] }] }, false],
    ['a flow code', { series: { flowCode: 'X' } }, false],
    ['an observation status', { observation: { status: 'provisional' } }, false],
    ['a correction’s kind', { corrections: [{ _key: 'c', kind: 'correction' }] }, false],
    ['alt text', { mainImage: { alt: 'A customs post at Dandong' } }, false],
    ['a publication date', { publishedAt: '2021-04-19T06:30:00.000Z' }, false],
  ])('%s: marked %s', (_, value, expected) => {
    expect(hasMarkers(marked(value))).toBe(expected)
  })

  it('link to the Studio the site was given', () => {
    const encoded = marked({ headline: 'NK imports' }).headline
    expect(encoded).not.toBe('NK imports')
    expect(stegaClean(encoded)).toBe('NK imports')
  })

  it('never reach the metadata, the cards or the JSON-LD of a marked story', () => {
    const markedStory = marked(story)
    expect(hasMarkers(markedStory)).toBe(true)
    expect(articleMetadata(markedStory, SITE)).toEqual(articleMetadata(story, SITE))
    expect(hasMarkers(articleMetadata(markedStory, SITE))).toBe(false)
    expect(articleJsonLd(markedStory, context)).toEqual(articleJsonLd(story, context))
  })
})

describe('stega by client', () => {
  it("is off for a reader's client and on, with the Studio's address, for the draft preview", () => {
    const readers = createContentClient({ projectId: 'local', dataset: 'production', apiHost: 'http://127.0.0.1:3400' })
    expect(readers.config().stega.enabled).toBe(false)
    const drafts = readers.withConfig({ stega: draftPreviewStega(STUDIO) })
    expect(drafts.config().stega).toMatchObject({ enabled: true, studioUrl: STUDIO })
  })
})
