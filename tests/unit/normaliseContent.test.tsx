import { PortableText } from '@portabletext/react'
import { toHTML } from '@portabletext/to-html'
import { vercelStegaCombine } from '@vercel/stega'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BODY_CUT_NOTICE, boundBody } from '@/lib/content/boundBody'
import { CONTENT_LIMITS } from '@/lib/content/contentRules'
import { normaliseContent } from '@/lib/content/normaliseContent'
import type { ARTICLE_QUERY_RESULT, HOME_QUERY_RESULT, SERIES_QUERY_RESULT, SITEMAP_INDEX_QUERY_RESULT } from '@/lib/content/sanity.types'

type Article = NonNullable<ARTICLE_QUERY_RESULT>

let warnings: string[] = []
beforeEach(() => {
  warnings = []
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void warnings.push(line))
})
afterEach(() => vi.restoreAllMocks())
const problems = () => warnings.map((line) => JSON.parse(line.replace('[content] ', '')) as { documentId: string; message: string })

let documents = 0
/** A stored article as the lake may hold it: anything may be wrong. Each gets its own id, since problems are reported once. */
const stored = (fields: Record<string, unknown>) => ({
  _id: `article.case-${++documents}`,
  headline: 'A headline',
  slug: 'a-slug',
  standfirst: 'A standfirst.',
  publishedAt: '2021-04-19T06:30:00Z',
  updatedAt: null,
  section: { title: 'Data desk', slug: 'data-desk' },
  authors: [{ _key: 'a1', role: null, author: { name: 'Lee', slug: 'lee', email: null } }],
  mainImage: null,
  tags: [{ title: 'Trade', slug: 'trade' }],
  body: [],
  ...fields,
})
const normalisedArticle = (fields: Record<string, unknown>) => normaliseContent(stored(fields) as unknown as Article) as Article
const span = (text: unknown, marks: unknown = []) => ({ _type: 'span', _key: 's1', text, marks })
const block = (children: unknown[], extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  _key: 'b1',
  style: 'normal',
  markDefs: [],
  children,
  ...extra,
})

describe('normaliseContent: each field as its type promises', () => {
  it.each([
    ['text stays text', { headline: 'Imports spike' }, 'headline', 'Imports spike'],
    ['a number headline is read as its digits', { headline: 2021 }, 'headline', '2021'],
    ['an object headline is left out', { headline: { en: 'x' } }, 'headline', null],
    ['a list standfirst is left out', { standfirst: ['a', 'b'] }, 'standfirst', null],
    ['a boolean standfirst is left out', { standfirst: true }, 'standfirst', null],
    ['a very long standfirst is cut at a word', { standfirst: 'word '.repeat(1000) }, 'standfirst', `${'word '.repeat(199)}word…`],
    ['an invalid date is left out', { publishedAt: 'yesterday-ish' }, 'publishedAt', null],
    ['a date that is a number is left out', { updatedAt: 1_600_000_000 }, 'updatedAt', null],
    ['a slug of the wrong type is left out', { slug: { current: 'x' } }, 'slug', null],
    ['a numeric slug becomes text', { slug: 404 }, 'slug', '404'],
    ['a section that is not an object is left out', { section: [1] }, 'section', null],
    [
      'missing and draft-only tags are dropped',
      { tags: [null, { title: 'Trade', slug: 'trade' }, null] },
      'tags',
      [{ title: 'Trade', slug: 'trade' }],
    ],
    ['tags that are not a list are left out', { tags: 'trade' }, 'tags', null],
    ['a body that is not a list is left out', { body: 'just a string' }, 'body', null],
    ['null and numbers in the body are dropped', { body: [null, 42, block([span('kept')]), 'text'] }, 'body', [block([span('kept')])]],
    ['body items without a type are dropped', { body: [{ _key: 'x', children: [] }] }, 'body', []],
    ["a span's number text is read as digits", { body: [block([span(12)])] }, 'body', [block([span('12')])]],
    ["a span's object text becomes empty", { body: [block([span({ a: 1 })])] }, 'body', [block([span('')])]],
    ['null children of a block are dropped', { body: [block([null, span('a'), 7])] }, 'body', [block([span('a')])]],
    [
      'a deep list level is clamped',
      { body: [block([span('a')], { listItem: 'bullet', level: 1e6 })] },
      'body',
      [block([span('a')], { listItem: 'bullet', level: CONTENT_LIMITS.listLevel })],
    ],
    [
      'a level below one becomes one',
      { body: [block([span('a')], { listItem: 'bullet', level: -3 })] },
      'body',
      [block([span('a')], { listItem: 'bullet', level: 1 })],
    ],
    [
      'marks are distinct names only',
      { body: [block([span('a', ['em', 'em', 7, null, 'strong'])])] },
      'body',
      [block([span('a', ['em', 'strong'])])],
    ],
    [
      'a picture whose asset id no image URL can be made from is left out',
      { mainImage: { alt: 'a', asset: { _id: 'hostile.not-an-image' } } },
      'mainImage',
      { alt: 'a', asset: null },
    ],
    [
      'a picture with an image id is kept',
      { mainImage: { alt: 'a', asset: { _id: 'image-flag-1200x600-jpg' } } },
      'mainImage',
      { alt: 'a', asset: { _id: 'image-flag-1200x600-jpg' } },
    ],
    [
      'fields no page reads are dropped',
      { body: [{ _type: 'mysteryWidget', _key: 'm', payload: 'x'.repeat(10) }] },
      'body',
      [{ _type: 'mysteryWidget', _key: 'm' }],
    ],
  ])('%s', (_case, fields, field, expected) => {
    expect(normalisedArticle(fields)[field as keyof Article]).toEqual(expected)
  })

  it("keeps a draft preview's click-to-edit markers whole: they count for no characters", () => {
    const marker = { origin: 'sanity.io', href: `http://127.0.0.1:3333/intent/edit/id=article.a;path=headline${'x'.repeat(300)}` }
    const headline = vercelStegaCombine('NK imports from China spike in March', marker)
    const text = vercelStegaCombine('North Korea’s imports from China jumped in March.', marker)
    expect(headline.length).toBeGreaterThan(400)
    const article = normalisedArticle({ headline, body: [block([span(text)])] })
    expect(article.headline).toBe(headline)
    expect(boundBody(article.body ?? [], vi.fn(), 100)).toEqual([block([span(text)])])
    expect(warnings).toEqual([])
  })

  it('keeps a well-formed article exactly as it is, and reports nothing', () => {
    const article = stored({ body: [block([span('Imports from China rose.', ['em'])], { listItem: 'number', level: 2 })] })
    expect(normaliseContent(article)).toEqual(article)
    expect(warnings).toEqual([])
  })

  it('reports each repair once, naming the document and the field', () => {
    const article = normalisedArticle({ headline: { en: 'x' }, tags: [null] })
    expect(problems()).toEqual([
      { documentId: article._id, message: '"headline" is an object, not text: left out' },
      { documentId: article._id, message: '"tags" holds 1 missing or malformed item: left out' },
    ])
  })

  it('names the block a body repair was made in', () => {
    const article = normalisedArticle({ body: [block([span('a')], { _key: 'deep', listItem: 'bullet', level: 5000 })] })
    expect(problems()).toEqual([
      { documentId: article._id, blockKey: 'deep', message: 'list level 5000 is outside 1 to 6: shown at level 6' },
    ])
  })

  it('bounds the marks of a span', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `m${i}`)
    const [first] = normalisedArticle({ body: [block([span('a', many)])] }).body ?? []
    expect(first?._type === 'block' && first.children?.[0]).toMatchObject({ marks: many.slice(0, CONTENT_LIMITS.marksPerSpan) })
  })

  it('drops objects nested deeper than any query reaches', () => {
    let source: Record<string, unknown> = { agency: 'Customs' }
    for (let i = 0; i < 10_000; i++) source = { source }
    const series = normaliseContent({ _id: 'series.deep', title: 'Deep', source } as unknown as SERIES_QUERY_RESULT)
    expect(series?.title).toBe('Deep')
    expect(JSON.stringify(series).length).toBeLessThan(1000)
  })
})

describe('normaliseContent: trade data', () => {
  const series = (observations: unknown) =>
    normaliseContent({
      _id: `series.case-${++documents}`,
      title: 'S',
      slug: 's',
      observations,
      citedBy: [],
    } as unknown as SERIES_QUERY_RESULT)
  const observation = (fields: Record<string, unknown>) => ({ _key: 'o1', _type: 'tradeObservation', period: '2021-03', ...fields })

  it.each([
    ['a finite value is kept', 18_882_000, 18_882_000],
    ['negative zero becomes zero', -0, 0],
    ['Infinity is left out', Number.POSITIVE_INFINITY, null],
    ['NaN is left out', Number.NaN, null],
    ['1e308 is left out', 1e308, null],
    ['a value as text is left out', '18882000', null],
    ['a negative value is kept', -3_000, -3_000],
  ])('primaryValue: %s', (_case, value, expected) => {
    expect(series([observation({ primaryValue: value })])?.observations?.[0]?.primaryValue).toBe(expected)
  })

  it.each([
    ['a history that is not a list is left out', 'revised twice', null],
    [
      'non-numeric releases lose their value',
      [{ _key: 'h', primaryValue: 'n/a', releasedAt: '2021-04-01' }],
      [{ _key: 'h', primaryValue: null, releasedAt: '2021-04-01' }],
    ],
    ['missing releases are dropped', [null, 3], []],
  ])('history: %s', (_case, history, expected) => {
    expect(series([observation({ primaryValue: 1, history })])?.observations?.[0]?.history).toEqual(expected)
  })

  const citation = { reportedBy: 'Asia Economy', reportedOn: '2021-04-18', url: 'https://www.asiae.co.kr/article/1' }
  it.each([
    ['a cited, approximate value keeps its citation', { approximate: true, citation }, { approximate: true, citation }],
    ['"approximate" as text is left out, not read as true', { approximate: 'false', citation }, { approximate: null, citation }],
    ['a citation that is not an object is left out', { citation: 'Asia Economy' }, { citation: null }],
    [
      'a citation of the wrong types keeps what it can',
      { citation: { reportedBy: 7, reportedOn: ['2021'], url: 'https://x.example/' } },
      { citation: { reportedBy: '7', reportedOn: null, url: 'https://x.example/' } },
    ],
  ])('citation: %s', (_case, fields, expected) => {
    expect(series([observation({ primaryValue: 1, ...fields })])?.observations?.[0]).toMatchObject(expected)
  })

  it('keeps counts and lists that share a name apart', () => {
    const index = { stories: 3, sections: 2, authors: 5, series: 1 }
    expect(normaliseContent(index as SITEMAP_INDEX_QUERY_RESULT)).toEqual(index)
  })

  it('drops missing stories from a list of them', () => {
    const home = normaliseContent({ lead: null, latest: [null, { _id: 'a', headline: 7 }] } as unknown as HOME_QUERY_RESULT)
    expect(home.latest).toEqual([{ _id: 'a', headline: '7' }])
  })
})

describe('boundBody', () => {
  const report = vi.fn()
  const paragraphs = (count: number, length: number) =>
    Array.from({ length: count }, (_, i) => block([span(`${'x'.repeat(length - 1)} `.slice(0, length))], { _key: `p${i}` }))

  it('keeps a body within the limit as it is', () => {
    const body = paragraphs(3, 100)
    expect(boundBody(body, report, 1_000)).toEqual(body)
  })

  it('cuts at the block that crosses the limit, at a word, and says so to readers', () => {
    const body = [block([span('one two three four five six seven eight nine ten')], { _key: 'p0' }), ...paragraphs(5, 100)]
    const bounded = boundBody(body, report, 30)
    expect(bounded).toHaveLength(2)
    expect(bounded[0]).toMatchObject({ _key: 'p0', children: [{ text: 'one two three four five six…' }] })
    expect(JSON.stringify(bounded[1])).toContain(BODY_CUT_NOTICE)
    expect(report).toHaveBeenCalledWith('body is longer than 30 characters: cut here, with a notice to readers', 'p0')
  })

  it('keeps the text of inline items beyond the limit of a block, unformatted', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => ({ _type: 'span', _key: `s${i}`, marks: ['em'], text: `${i} ` }))
    const [bounded] = boundBody([block(many)], report)
    const children = bounded?.children as Array<{ text: string; marks: string[] }>
    expect(children).toHaveLength(CONTENT_LIMITS.inlinesPerBlock)
    expect(children.map((child) => child.text).join('')).toBe(many.map((span) => span.text).join(''))
    expect(children.at(-1)?.marks).toEqual([])
  })

  it('keeps only the link definitions its spans use', () => {
    const markDefs = Array.from({ length: 10_000 }, (_, i) => ({ _type: 'link', _key: `l${i}`, href: `https://example.com/${i}` }))
    const [bounded] = boundBody([block([span('a link', ['l7'])], { markDefs })], report)
    expect(bounded?.markDefs).toEqual([markDefs[7]])
  })

  it('counts empty spans, so a block of a million of them is cut too', () => {
    const empty = Array.from({ length: 1_000_000 }, () => span(''))
    expect(JSON.stringify(boundBody([block(empty)], report)).length).toBeLessThan(200_000)
  })

  it('counts empty blocks, so a million of them are cut too', () => {
    expect(
      boundBody(
        Array.from({ length: 1_000_000 }, () => block([])),
        report,
      ).length,
    ).toBeLessThan(10_000)
  })
})

describe('normalised bodies render in both Portable Text renderers', () => {
  // Without the clamp, each level doubles the renderers' work (see README, "Content as it enters the app").
  const hostile = normalisedArticle({
    body: [
      block([span('deep item')], { listItem: 'bullet', level: 10_000, style: 'h2' }),
      block(
        [
          span(
            'marked',
            Array.from({ length: 20_000 }, (_, i) => `m${i}`),
          ),
        ],
        { _key: 'b2' },
      ),
    ],
  }).body

  it('to-html', () => {
    const html = toHTML(hostile ?? [], { onMissingComponent: false })
    expect(html).toContain('deep item')
    expect(html).toContain('marked')
  })

  it('react', () => {
    const html = renderToStaticMarkup(<PortableText value={hostile ?? []} onMissingComponent={false} />)
    expect(html).toContain('deep item')
    expect(html).toContain('marked')
  })
})
