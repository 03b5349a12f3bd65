import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { SanityClient } from '@sanity/client'
import { createSchema, type SanityDocument, validateDocument } from 'sanity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContentClient } from '@/lib/content/client'
import { startLake } from '../../sanity/lake/lake'
import { schemaTypes } from '../../sanity/schemaTypes'
import { validationMessages } from '../../sanity/validationMessages'

const root = resolve(import.meta.dirname, '../..')
const STORY = 'article.nk-imports-from-china-spike-in-march'
const IMPORTS = 'tradeSeries.chn-prk-x-total-m'

type Marker = { level: string; message: string; path: string }
type Doc = Record<string, unknown> & { _id: string; _type: string }

/** Sanity's validation API with the Studio's schema, its client pointed at a seeded lake. */
describe('Studio validation (Sanity validateDocument, against the embedded lake)', () => {
  let lake: Awaited<ReturnType<typeof startLake>>
  let client: SanityClient
  let dataDir: string
  const schema = createSchema({ name: 'factline', types: schemaTypes })
  // Sanity's built-in messages through the Studio's reworded bundle; keys it does not reword come back as keys.
  const i18n = {
    currentLocale: { id: 'en-US' },
    loadNamespaces: async () => {},
    t: ((key: string, values: Record<string, string> = {}) => {
      const text = (validationMessages as Record<string, string>)[key.replace(/^validation:/, '')] ?? key
      return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '')
    }) as never,
  }

  async function validate(document: Doc): Promise<Marker[]> {
    const markers = await validateDocument({
      document: document as unknown as SanityDocument,
      workspace: { schema, getClient: () => client, i18n },
      environment: 'studio',
    })
    return markers.map((m) => ({
      level: m.level,
      message: m.message,
      path: m.path.map((s) => (typeof s === 'object' && s && '_key' in s ? `[${s._key}]` : String(s))).join('.'),
    }))
  }
  const load = async (id: string) => (await client.getDocument(id)) as Doc

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'factline-validation-'))
    lake = await startLake({ port: 0, dataDir, seedDir: join(root, 'sanity/seed') })
    client = createContentClient({ projectId: 'local', dataset: 'production', apiHost: lake.url, token: lake.token })
  })
  afterAll(async () => {
    await lake?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('passes every seeded document: the reference story, samples, authors, sections and series', async () => {
    const documents = (await client.fetch('*[_type in ["article", "author", "section", "tag", "tradeSeries"]]')) as Doc[]
    expect(documents.length).toBeGreaterThan(15)
    for (const document of documents)
      expect({ id: document._id, markers: await validate(document) }).toEqual({ id: document._id, markers: [] })
  })

  const articleCases: Array<[string, (story: Doc) => Doc, Marker]> = [
    [
      'a missing headline',
      ({ headline: _, ...s }) => s as Doc,
      { level: 'error', path: 'headline', message: 'Give the story a headline.' },
    ],
    [
      'a missing slug',
      ({ slug: _, ...s }) => s as Doc,
      { level: 'error', path: 'slug', message: 'Give the story a web address: press Generate to make one from the headline.' },
    ],
    [
      "another story's slug",
      (s) => ({ ...s, _id: 'drafts.article.new-story', slug: { _type: 'slug', current: 'nk-imports-from-china-spike-in-march' } }),
      {
        level: 'error',
        path: 'slug',
        message:
          'Something else of this kind already uses the web address "nk-imports-from-china-spike-in-march". Change it so each one has its own link.',
      },
    ],
    [
      'a published story given a new web address',
      (s) => ({ ...s, _id: `drafts.${STORY}`, slug: { _type: 'slug', current: 'nk-imports-spike' } }),
      {
        level: 'error',
        path: 'slug',
        message:
          'This story is published at /articles/nk-imports-from-china-spike-in-march: links, search engines and feed readers know it by that address, so it cannot change. Put “nk-imports-from-china-spike-in-march” back.',
      },
    ],
    [
      'no section',
      ({ section: _, ...s }) => s as Doc,
      { level: 'error', path: 'section', message: 'Choose the section the story runs in.' },
    ],
    ['no author', (s) => ({ ...s, authors: [] }), { level: 'error', path: 'authors', message: 'Add at least one author to the byline.' }],
    [
      'no publication time',
      ({ publishedAt: _, ...s }) => s as Doc,
      { level: 'error', path: 'publishedAt', message: 'Set the publication time: readers see it in the dateline.' },
    ],
    [
      'a photo without alt text',
      (s) => ({ ...s, mainImage: { ...(s.mainImage as object), alt: '' } }),
      { level: 'error', path: 'mainImage.alt', message: 'Describe the picture for readers who cannot see it (alt text).' },
    ],
    [
      'a photo without a caption',
      (s) => ({ ...s, mainImage: { ...(s.mainImage as object), caption: undefined } }),
      { level: 'error', path: 'mainImage.caption', message: 'Write a caption: say who or what the picture shows.' },
    ],
    [
      'a photo without a credit',
      (s) => ({ ...s, mainImage: { ...(s.mainImage as object), credit: undefined } }),
      { level: 'error', path: 'mainImage.credit', message: 'Credit the photographer or agency, e.g. AFP-Yonhap.' },
    ],
    [
      'a figure for a period the series lacks',
      (s) => withFact(s, { period: '2022-01' }),
      {
        level: 'error',
        path: 'body.[k0008].children.[k0006]',
        message:
          "North Korea's imports from China has no figure for January 2022. Latest figures: November 2021 $34.7 million, October 2021 $39.8 million, September 2021 $55.63 million.",
      },
    ],
    [
      'a figure for a series that does not exist',
      (s) => withFact(s, { series: { _type: 'reference', _ref: 'tradeSeries.no-such-series' } }),
      {
        level: 'error',
        path: 'body.[k0008].children.[k0006]',
        message: 'This figure points at a data series that is not published. Choose a published series.',
      },
    ],
    [
      'an unresolved figure, on the article itself',
      (s) => withFact(s, { period: '2019-01', fallbackText: 'about $20 million' }),
      {
        level: 'error',
        path: '',
        message: '1 figure is not linked to data ("about $20 million"). Fix it before publishing: readers would see it marked unverified.',
      },
    ],
    [
      'a typed figure that disagrees with the data',
      (s) => withFact(s, { fallbackText: '$13 million' }),
      {
        level: 'warning',
        path: 'body.[k0008].children.[k0006]',
        message:
          'The text as typed, "$13 million", differs from the data: North Korea\'s imports from China for March 2021 is $12.98 million. Readers will see $12.98 million.',
      },
    ],
    [
      'a typed figure that disagrees with the data at the precision the editor chose',
      (s) => withFact(s, { precision: { rule: 'decimals', digits: 1 } }),
      {
        level: 'warning',
        path: 'body.[k0008].children.[k0006]',
        message:
          'The text as typed, "$12.98 million", differs from the data: North Korea\'s imports from China for March 2021 is $13 million. Readers will see $13 million.',
      },
    ],
    [
      'a claim typed otherwise than the data writes it',
      (s) => withFact(s, { show: 'highestSince', comparePeriod: '2020-09', fallbackText: 'the highest since September 2020' }),
      {
        level: 'warning',
        path: 'body.[k0008].children.[k0006]',
        message:
          'The text as typed, "the highest since September 2020", differs from the data: North Korea\'s imports from China for March 2021 is the highest level since September 2020. Readers will see the highest level since September 2020.',
      },
    ],
    [
      'a "highest since" claim that names no month',
      (s) => withFact(s, { show: 'highestSince', comparePeriod: undefined }),
      {
        level: 'error',
        path: 'body.[k0008].children.[k0006].comparePeriod',
        message: 'Give the period since which this is the highest (e.g. 2020-09).',
      },
    ],
    [
      'a "highest since" claim since a later month',
      (s) => withFact(s, { show: 'highestSince', comparePeriod: '2021-05' }),
      {
        level: 'error',
        path: 'body.[k0008].children.[k0006].comparePeriod',
        message: 'The claim compares 2021-03 with an earlier month (YYYY-MM); "2021-05" is not one.',
      },
    ],
    [
      'a figure with a malformed period',
      (s) => withFact(s, { period: 'March 2021' }),
      {
        level: 'error',
        path: 'body.[k0008].children.[k0006].period',
        message: 'Give the period as YYYY-MM for a month (2021-03) or YYYY for a year.',
      },
    ],
    [
      'a figure without its text as typed',
      (s) => withFact(s, { fallbackText: '' }),
      {
        level: 'error',
        path: 'body.[k0008].children.[k0006].fallbackText',
        message: 'Type the figure as the story says it, e.g. $12.98 million.',
      },
    ],
  ]

  it.each(articleCases)('flags %s', async (_, change, expected) => {
    const markers = await validate(change(await load(STORY)))
    expect(markers).toContainEqual(expected)
  })

  it('accepts a figure typed with different spacing or case', async () => {
    expect(await validate(withFact(await load(STORY), { fallbackText: ' $12.98  Million ' }))).toEqual([])
  })

  const seriesCases: Array<[string, (series: Doc) => Doc, Marker]> = [
    [
      'a new reporter for a series with figures',
      (s) => ({ ...s, _id: `drafts.${IMPORTS}`, reporter: { _type: 'country', m49: 410, iso3: 'KOR', name: 'Rep. of Korea' } }),
      {
        level: 'error',
        path: 'reporter',
        message: 'This series holds figures reported by China. A series keeps one reporter: create a new series for Rep. of Korea.',
      },
    ],
    [
      'a new flow for a series with figures',
      (s) => ({ ...s, _id: `drafts.${IMPORTS}`, flowCode: 'M' }),
      { level: 'error', path: 'flowCode', message: 'This series holds exports. A series keeps one flow: create a new series for imports.' },
    ],
    [
      'a currency other than US dollars',
      (s) => ({ ...s, currency: 'EUR' }),
      { level: 'error', path: 'currency', message: 'Factline series are in US dollars: the currency must be USD.' },
    ],
    [
      'a period given twice',
      (s) => ({ ...s, observations: [...(s.observations as object[]), { ...(s.observations as object[])[0], _key: 'again' }] }),
      { level: 'error', path: 'observations', message: 'Each period appears once; 2020-01 appears more than once.' },
    ],
  ]

  it.each(seriesCases)('flags %s', async (_, change, expected) => {
    const markers = await validate(change(await load(IMPORTS)))
    expect(markers).toContainEqual(expected)
  })

  it('lets a new series choose its reporter and flow freely', async () => {
    const series = await load(IMPORTS)
    const fresh = {
      ...series,
      _id: 'drafts.tradeSeries.kor-prk-x-total-m',
      reporter: { _type: 'country', m49: 410, iso3: 'KOR', name: 'Rep. of Korea' },
    }
    expect(await validate({ ...fresh, slug: { _type: 'slug', current: 'south-korea-exports-to-north-korea' } })).toEqual([])
  })
})

/** The story with its first figure ($12.98 million, March 2021) changed. */
function withFact(story: Doc, change: Record<string, unknown>): Doc {
  const body = (story.body as Array<{ _key: string; children?: Array<Record<string, unknown>> }>).map((block) => ({
    ...block,
    children: block.children?.map((child) => (child._key === 'k0006' ? { ...child, ...change } : child)),
  }))
  return { ...story, body }
}
