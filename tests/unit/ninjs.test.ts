import { describe, expect, it } from 'vitest'
import { type FeedArticle, feedItem } from '@/lib/feeds/feed'
import { buildNinjsFeed, byLine, storyNinjs } from '@/lib/feeds/ninjs'
import { plainTextOf } from '@/lib/feeds/plainText'
import { siteScope } from '@/lib/feeds/scopes'
import { schemaErrors, validateExtendedNinjs, validateIptcNinjs } from '../harness/ninjsValidators'
import { article, context, EDITED_AT, PUBLISHED_AT, paragraph, SITE, span } from './feedFixtures'
import { HOSTILE } from './hostileText'

const hostileStory = (text: string) =>
  article({
    headline: text,
    standfirst: text,
    authors: [{ _key: 'b1', role: null, author: { name: text, slug: 'someone', _updatedAt: EDITED_AT } }],
    mainImage: { ...article().mainImage, caption: text, credit: text } as FeedArticle['mainImage'],
    tags: [{ title: text, slug: 'tag', _updatedAt: EDITED_AT }],
    section: { title: text, slug: 'section', _updatedAt: EDITED_AT },
    corrections: [{ _key: 'c1', kind: 'correction', text, date: '2021-04-20T09:00:00Z' }],
    body: [paragraph('p1', [span('s1', text)])],
  })

const expectValid = (validate: typeof validateIptcNinjs, document: unknown) => {
  const valid = validate(document)
  expect(schemaErrors(validate.errors)).toBe('')
  expect(valid).toBe(true)
}

describe('a story as ninjs', () => {
  const ninjs = storyNinjs(
    article({ corrections: [{ _key: 'c1', kind: 'clarification', text: 'Period named.', date: '2021-04-20T09:00:00Z' }] }),
    context,
  )

  it('validates against our extension, and against IPTC 3.1 once the extension is taken off', () => {
    expectValid(validateExtendedNinjs, ninjs)
    const { factline: _, ...iptcOnly } = ninjs
    expectValid(validateIptcNinjs, iptcOnly)
    // IPTC's schema allows no unknown property: the extension is why ours exists.
    expect(validateIptcNinjs(ninjs)).toBe(false)
  })

  it('names the byline as people and as a sentence, the section and tags as subjects', () => {
    expect(ninjs.people).toEqual([{ name: 'Ahn Sung-mi', rel: 'author', uri: `${SITE}/authors/ahn-sung-mi` }])
    expect(ninjs.by).toBe('Ahn Sung-mi')
    expect(ninjs.subjects).toEqual([
      { name: 'North Korea', rel: 'section', uri: `${SITE}/sections/north-korea` },
      { name: 'Trade', rel: 'tag', literal: 'trade' },
    ])
  })

  it('carries the picture with its renditions, caption, alt text and credit', () => {
    const [picture] = ninjs.associations
    expect(picture).toMatchObject({ type: 'picture', rel: 'mainpicture', by: 'AFP-Yonhap' })
    expect(picture?.descriptions).toEqual([
      { role: 'caption', value: 'North Korean flag' },
      { role: 'alt', value: 'The flag of North Korea' },
    ])
    // The original is 1200 wide: every served width up to it, each as the CDN serves it.
    expect(picture?.renditions.map((r) => r.width)).toEqual([320, 480, 640, 960, 1200])
    expect(picture?.renditions.at(-1)).toEqual({
      name: 'feed',
      href: 'https://cdn.example/images/image-flag-1200x600-jpg.jpg?w=1200',
      contentType: 'image/jpeg',
      width: 1200,
      height: 600,
    })
  })

  it('gives the body as HTML and as plain text, with dates, version and corrections', () => {
    const [html, text] = ninjs.bodies
    expect(html?.contentType).toBe('text/html')
    expect(html?.value).toContain('<a class="figure"')
    expect(text?.contentType).toBe('text/plain')
    expect(text?.value).toContain('Shipments totaled $13.05 million')
    expect(text?.value).not.toMatch(/<[a-z/]/i)
    expect(ninjs.firstCreated).toBe(PUBLISHED_AT)
    // The March figure was revised on May 18: the story's version is that revision.
    expect([ninjs.version, ninjs.versionCreated]).toEqual(['2021-05-18T02:00:00.000Z', '2021-05-18T02:00:00.000Z'])
    expect(ninjs.descriptions).toContainEqual({ role: 'clarification', value: 'Clarification (2021-04-20T09:00:00.000Z): Period named.' })
    expect(ninjs.factline.corrections).toEqual([{ kind: 'clarification', text: 'Period named.', date: '2021-04-20T09:00:00.000Z' }])
  })

  it('carries each figure in the extension: value now, at publication, source and status', () => {
    expect(ninjs.factline.tradeFacts[0]).toMatchObject({
      text: '$13.05 million',
      period: '2021-03',
      value: 13_050_000,
      value_at_publication: 12_980_000,
      status: 'revised',
      source: 'Chinese customs data',
    })
    expect(ninjs.factline.tradeFacts).toHaveLength(2)
  })

  it('rejects a figure the extension does not describe', () => {
    const broken = { ...ninjs, factline: { ...ninjs.factline, tradeFacts: [{ text: '$1', status: 'guessed' }] } }
    expect(validateExtendedNinjs(broken)).toBe(false)
  })
})

describe.each(HOSTILE)('a story with %s everywhere', (_, hostile) => {
  const ninjs = storyNinjs(hostileStory(hostile), context)
  const clean = feedItem(hostileStory(hostile), context).title

  it('stays valid ninjs, extended and plain', () => {
    expectValid(validateExtendedNinjs, ninjs)
    const { factline: _, ...iptcOnly } = ninjs
    expectValid(validateIptcNinjs, iptcOnly)
  })

  it('keeps the text as text: headline and byline as given, the HTML body escaped, the plain body the same words', () => {
    expect(ninjs.headlines[0]?.value).toBe(clean)
    expect(ninjs.by).toBe(clean)
    expect(ninjs.bodies[0]?.value).not.toContain('<script>')
    expect(ninjs.bodies[1]?.value).toContain(clean.replace(/\s+/g, ' '))
    // JSON itself escapes what it must: the document parses back to the same object.
    expect(JSON.parse(JSON.stringify(ninjs))).toEqual(ninjs)
  })
})

describe('a feed as ninjs', () => {
  const stories = [article(), hostileStory(HOSTILE[0][1]), article({ slug: 'no-picture', mainImage: null, authors: null, tags: null })]
  const { document } = buildNinjsFeed(siteScope, stories, context)

  it('is a valid IPTC ninjs composite of the stories, newest as given, each with its extended ninjs as a rendition', () => {
    expectValid(validateIptcNinjs, document)
    expect(document.type).toBe('composite')
    expect(document.associations.map((a) => a.uri)).toEqual(stories.map((s) => `${SITE}/articles/${s.slug}`))
    expect(document.associations[0]?.renditions).toEqual([
      { name: 'ninjs', href: `${SITE}/articles/nk-imports-from-china-spike-in-march/ninjs.json`, contentType: 'application/json' },
    ])
  })

  it('names a story without a byline by no one, and one without a picture as text only', () => {
    const last = document.associations[2]
    expect([last?.by, last?.people, last?.profile, last?.associations]).toEqual([undefined, [], 'text-only', []])
  })
})

describe('byLine', () => {
  it.each([
    [[], ''],
    [['A'], 'A'],
    [['A', 'B'], 'A and B'],
    [['A', 'B', 'C'], 'A, B and C'],
  ])('%j reads "%s"', (names, expected) => {
    expect(byLine(names)).toBe(expected)
  })
})

describe('plainTextOf', () => {
  it.each([
    ['paragraphs', '<p>One &amp; two</p><p>Three</p>', 'One & two\n\nThree'],
    ['inline markup', '<p>A <a href="x">link</a> and <strong>bold</strong></p>', 'A link and bold'],
    ['escaped markup stays text', '<p>&lt;script&gt;x&lt;/script&gt;</p>', '<script>x</script>'],
    ['table rows as lines, cells tab-separated', '<table><tr><th>2021-03</th><td>$1</td></tr></table>', '2021-03\t$1'],
    ['figure and caption', '<figure><img src="x" alt="a"/><figcaption>Flag (AFP)</figcaption></figure><p>Body</p>', 'Flag (AFP)\n\nBody'],
  ])('%s', (_, html, expected) => {
    expect(plainTextOf(html)).toBe(expected)
  })
})
