import { escapeHTML } from '@portabletext/to-html'
import { parseFeed } from '@rowanmanning/feed-parser'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { buildCorrectionsFeed } from '@/lib/feeds/correctionsFeed'
import { buildFeedModel, type FeedArticle } from '@/lib/feeds/feed'
import { FEED_FORMATS, feedAlternates } from '@/lib/feeds/formats'
import { correctionsScope, sectionScope, siteScope } from '@/lib/feeds/scopes'
import { withHexReferences, xmlSafe } from '@/lib/feeds/xmlText'
import { article, context, EDITED_AT, PUBLISHED_AT, paragraph, SITE, span } from './feedFixtures'
import { HOSTILE } from './hostileText'

// XML 1.0's Char production, and the only entities a document without a DTD may use: checks of
// their own, since the parsers are lenient about both.
const isXmlChar = (cp: number) =>
  cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000
const onlyXmlChars = (text: string) => [...text].every((char) => isXmlChar(char.codePointAt(0) ?? 0))
const UNDECLARED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);)/i
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, processEntities: false })
// One pass over XML's own five entities: the parser's own decoding would read `&amp;amp;` as `&`.
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const decodeXml = (text: string) =>
  text.replace(/&(?:(amp|lt|gt|quot|apos)|#x([\da-f]+));/gi, (_, name?: string, hex?: string) =>
    hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (XML_ENTITIES[name ?? ''] ?? ''),
  )
const textAt = (doc: unknown, path: readonly string[]) =>
  decodeXml(String(path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc)))

const feedOf = (...articles: FeedArticle[]) => buildFeedModel(siteScope, articles, context)
const build = (format: keyof typeof FEED_FORMATS, ...articles: FeedArticle[]) => FEED_FORMATS[format].build(feedOf(...articles))

describe('xmlSafe', () => {
  it.each([
    ['keeps tab, newline and carriage return', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['drops other C0 controls', 'a\u0000b\u0001c\u001Fd', 'abcd'],
    ['drops U+FFFE, U+FFFF and unpaired surrogates', 'a\uFFFEb\uFFFFc\uD800d\uDFFFe', 'abcde'],
    ['keeps surrogate pairs (emoji)', '📈🇰🇵', '📈🇰🇵'],
    ['keeps right-to-left text', 'עם סין', 'עם סין'],
  ])('%s', (_, input, expected) => {
    expect(xmlSafe(input)).toBe(expected)
  })
})

describe('withHexReferences', () => {
  it.each([
    ['text', '<title>Tom &amp; Jerry &lt;b&gt;</title>', '<title>Tom &#x26; Jerry &#x3C;b&#x3E;</title>'],
    [
      'escaped HTML in text',
      '<content>&lt;p&gt;a &amp;amp; b&lt;/p&gt;</content>',
      '<content>&#x3C;p&#x3E;a &#x26;amp; b&#x3C;/p&#x3E;</content>',
    ],
    [
      'attributes keep their escapes',
      '<link href="https://x.example/?a=1&amp;b=&lt;2&gt;"/>',
      '<link href="https://x.example/?a=1&amp;b=&lt;2&gt;"/>',
    ],
    ['other references as they are', '<t>&quot;q&quot; &#160;</t>', '<t>&quot;q&quot; &#160;</t>'],
  ])('%s', (_, xml, expected) => {
    expect(withHexReferences(xml)).toBe(expected)
  })
})

describe.each(HOSTILE)('a story with %s in its title, standfirst, byline, caption and body', (_, hostile) => {
  const story = article({
    headline: hostile,
    standfirst: hostile,
    authors: [{ _key: 'b1', role: null, author: { name: hostile, slug: 'someone', _updatedAt: EDITED_AT } }],
    mainImage: { ...article().mainImage, caption: hostile, credit: hostile } as FeedArticle['mainImage'],
    tags: [{ title: hostile, slug: 'tag', _updatedAt: EDITED_AT }],
    body: [paragraph('p1', [span('s1', hostile)])],
  })
  const expected = xmlSafe(hostile).trim()

  it.each([
    ['rss', ['rss', 'channel', 'item'], ['title'], ['dc:creator'], ['content:encoded']],
    ['atom', ['feed', 'entry'], ['title', '#text'], ['author', 'name'], ['content', '#text']],
  ] as const)('makes a well-formed %s feed that reads back the same text', (format, item, title, author, content) => {
    const out = build(format, story)
    expect(XMLValidator.validate(out)).toBe(true)
    expect(onlyXmlChars(out)).toBe(true)
    expect(out).not.toMatch(UNDECLARED_ENTITY)
    const doc = xml.parse(out)
    expect([textAt(doc, [...item, ...title]), textAt(doc, [...item, ...author])]).toEqual([expected, expected])
    // The body's text stays text inside the HTML: escaped, never markup of its own.
    const html = textAt(doc, [...item, ...content])
    expect(html).toContain(`<p>${escapeHTML(expected)}</p>`)
    expect(html).not.toContain('<script>')
    expect(parseFeed(out).items).toHaveLength(1)
  })

  it.each(['rss', 'atom'] as const)('writes & < > in %s as hexadecimal references, as the W3C validator asks of plain text', (format) => {
    const out = build(format, story)
    const text = out.replace(/<[^>]*>/g, '')
    expect(text).not.toMatch(/&(?:amp|lt|gt);/)
    if (/[&<>]/.test(expected)) expect(text).toMatch(/&#x(?:26|3C|3E);/)
  })

  it('gives RSS a description that is HTML showing the standfirst as text, never markup of its own', () => {
    const description = textAt(xml.parse(build('rss', story)), ['rss', 'channel', 'item', 'description'])
    expect(description).toBe(escapeHTML(expected))
    expect(description).not.toMatch(/<[a-z/!]/i)
  })

  it('makes a JSON Feed that reads back the same text', () => {
    const parsed = JSON.parse(build('json', story))
    expect(parsed.items[0].title).toBe(expected)
    expect(parsed.items[0].summary).toBe(expected)
    expect(parsed.items[0].authors[0].name).toBe(expected)
    expect(parsed.items[0].content_html).not.toContain('<script>')
  })
})

describe('RSS 2.0', () => {
  const two = article({
    authors: [
      { _key: 'b1', role: null, author: { name: 'Ahn Sung-mi', slug: 'ahn-sung-mi', _updatedAt: EDITED_AT } },
      { _key: 'b2', role: 'data', author: { name: 'Lee Jun-seo', slug: 'lee-jun-seo', _updatedAt: EDITED_AT } },
    ],
  })
  const channel = xml.parse(build('rss', two)).rss.channel
  const item = channel.item

  it('links to itself and to the site', () => {
    expect(channel['atom:link']).toMatchObject({ '@href': `${SITE}/feeds/rss.xml`, '@rel': 'self', '@type': 'application/rss+xml' })
    expect(channel.link).toBe(`${SITE}/`)
    expect(channel.language).toBe('en')
  })

  it('gives each story a permalink guid, its date, a creator per byline and its categories', () => {
    const url = `${SITE}/articles/nk-imports-from-china-spike-in-march`
    expect(item.link).toBe(url)
    expect(item.guid).toEqual({ '#text': url, '@isPermaLink': 'true' })
    expect(item.pubDate).toBe('Mon, 19 Apr 2021 06:30:00 GMT')
    expect(item['dc:creator']).toEqual(['Ahn Sung-mi', 'Lee Jun-seo'])
    expect(item.category).toEqual(['North Korea', 'Trade'])
  })

  it('carries the photo as Media RSS with the caption and the credit', () => {
    expect(item['media:content']).toMatchObject({
      '@url': 'https://cdn.example/images/image-flag-1200x600-jpg.jpg?w=1200',
      '@medium': 'image',
      '@width': '1200',
      '@height': '600',
      'media:description': { '#text': 'North Korean flag', '@type': 'plain' },
      'media:credit': 'AFP-Yonhap',
    })
  })

  it('carries the whole story, photo and figures, in content:encoded', () => {
    const content = decodeXml(item['content:encoded'])
    expect(content).toContain('<figcaption>North Korean flag (AFP-Yonhap)</figcaption>')
    expect(content).toContain(`href="${SITE}/data/north-korea-imports-from-china#period-2021-03"`)
    expect(content).toContain('(revised May 18, 2021; $12.98 million when published on April 19, 2021)')
  })
})

describe('Atom 1.0', () => {
  const feed = parseFeed(build('atom', article()))
  it('reads with a feed parser: self link, entry, author with URL, dates, content and photo', () => {
    expect(feed.self).toBe(`${SITE}/feeds/atom.xml`)
    const [entry] = feed.items
    expect(entry?.id).toBe(`${SITE}/articles/nk-imports-from-china-spike-in-march`)
    expect(entry?.authors).toEqual([{ name: 'Ahn Sung-mi', url: `${SITE}/authors/ahn-sung-mi`, email: null }])
    expect(entry?.published?.toISOString()).toBe(PUBLISHED_AT)
    expect(entry?.content).toContain('$13.05 million')
    expect(entry?.media[0]).toMatchObject({
      url: 'https://cdn.example/images/image-flag-1200x600-jpg.jpg?w=1200',
      title: 'North Korean flag',
    })
  })
})

describe('JSON Feed 1.1', () => {
  const json = JSON.parse(build('json', article()))
  const [item] = json.items

  it('has the version, its own URL, and each item with authors, image and tags', () => {
    expect(json).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', feed_url: `${SITE}/feeds/feed.json`, language: 'en' })
    expect(item).toMatchObject({
      id: `${SITE}/articles/nk-imports-from-china-spike-in-march`,
      authors: [{ name: 'Ahn Sung-mi', url: `${SITE}/authors/ahn-sung-mi` }],
      image: 'https://cdn.example/images/image-flag-1200x600-jpg.jpg?w=1200',
      tags: ['North Korea', 'Trade'],
      date_published: PUBLISHED_AT,
    })
  })

  it('lists each figure under _trade_facts with its value now and at publication', () => {
    expect(item._trade_facts.figures).toEqual([
      {
        text: '$13.05 million',
        series: { id: 'tradeSeries.imports', title: "North Korea's imports from China" },
        period: '2021-03',
        value: 13_050_000,
        unit: 'USD',
        source: 'Chinese customs data',
        status: 'revised',
        released_at: '2021-05-18T02:00:00.000Z',
        value_at_publication: 12_980_000,
        url: `${SITE}/data/north-korea-imports-from-china#period-2021-03`,
        revision_note: 'revised May 18, 2021; $12.98 million when published on April 19, 2021',
      },
      expect.objectContaining({ text: '$3,000', period: '2021-02', value: 3_000, value_at_publication: 3_000, status: 'provisional' }),
    ])
  })
})

describe('the feed model', () => {
  it('dates a story by the data revision that changed its figure’s text, and the feed by its newest story', () => {
    const older = article({ slug: 'older', publishedAt: '2021-04-01T00:00:00.000Z', _updatedAt: '2021-04-01T00:00:00.000Z', body: [] })
    const feed = feedOf(article(), older)
    // The imports series was revised on May 18, 2021, which changed the story's first figure.
    expect(feed.items.map((item) => [item.publishedAt, item.updatedAt])).toEqual([
      [PUBLISHED_AT, '2021-05-18T02:00:00.000Z'],
      ['2021-04-01T00:00:00.000Z', '2021-04-01T00:00:00.000Z'],
    ])
    expect(feed.updatedAt).toBe('2021-05-18T02:00:00.000Z')
    expect(feed.lastModified).toBe('2021-05-18T02:00:00.000Z')
  })

  it.each([
    [
      'an author’s page',
      { authors: [{ _key: 'b1', role: null, author: { name: 'Ahn', slug: 'ahn', _updatedAt: '2022-01-01T00:00:00.000Z' } }] },
    ],
    ['the section', { section: { title: 'North Korea', slug: 'north-korea', _updatedAt: '2022-01-01T00:00:00.000Z' } }],
    ['a tag', { tags: [{ title: 'Trade', slug: 'trade', _updatedAt: '2022-01-01T00:00:00.000Z' }] }],
  ] as const)('moves Last-Modified when %s changes', (_, change) => {
    expect(feedOf(article(change as Partial<FeedArticle>)).lastModified).toBe('2022-01-01T00:00:00.000Z')
  })

  it('keeps Last-Modified from going backwards when a story leaves the feed, and out of the future', () => {
    const now = new Date('2026-12-05T12:00:00.000Z')
    const afterRemoval = buildFeedModel(siteScope, [article()], context, { lastRemoval: '2026-01-01T00:00:00.000Z', now })
    expect(afterRemoval.lastModified).toBe('2026-01-01T00:00:00.000Z')
    const future = buildFeedModel(siteScope, [article({ _updatedAt: '2999-01-01T00:00:00.000Z' })], context, { now })
    expect(future.lastModified).toBe(now.toISOString())
  })

  it('carries a story’s corrections, newest first, and leaves out incomplete ones', () => {
    const [item] = feedOf(
      article({
        corrections: [
          { _key: 'c1', kind: 'correction', text: 'An earlier version misnamed the agency.', date: '2021-04-20T00:00:00.000Z' },
          { _key: 'c2', kind: 'clarification', text: 'The figures are China’s.', date: '2021-04-21T00:00:00.000Z' },
          { _key: 'c3', kind: 'correction', text: '  ', date: '2021-04-22T00:00:00.000Z' },
        ],
      }),
    ).items
    expect(item?.corrections).toEqual([
      { key: 'c2', kind: 'clarification', text: 'The figures are China’s.', date: '2021-04-21T00:00:00.000Z' },
      { key: 'c1', kind: 'correction', text: 'An earlier version misnamed the agency.', date: '2021-04-20T00:00:00.000Z' },
    ])
  })

  it('links each scope’s feeds from a page’s metadata', () => {
    const section = sectionScope({ title: 'North Korea', slug: 'north-korea' })
    expect(feedAlternates(siteScope, section)).toEqual({
      'application/rss+xml': [
        { url: '/feeds/rss.xml', title: 'Factline' },
        { url: '/sections/north-korea/rss.xml', title: 'Factline: North Korea' },
      ],
      'application/atom+xml': [
        { url: '/feeds/atom.xml', title: 'Factline' },
        { url: '/sections/north-korea/atom.xml', title: 'Factline: North Korea' },
      ],
      'application/feed+json': [
        { url: '/feeds/feed.json', title: 'Factline' },
        { url: '/sections/north-korea/feed.json', title: 'Factline: North Korea' },
      ],
    })
  })
})

describe('the corrections feed', () => {
  const story = (slug: string, updatedAt: string, corrections: Array<[string, 'correction' | 'clarification', string, string]>) => ({
    _id: `article.${slug}`,
    _updatedAt: updatedAt,
    headline: `Story ${slug}`,
    slug,
    publishedAt: PUBLISHED_AT,
    section: { title: 'North Korea', slug: 'north-korea' },
    corrections: corrections.map(([_key, kind, text, date]) => ({ _key, kind, text, date })),
  })
  const stories = [
    story('a', '2021-05-01T00:00:00.000Z', [['c1', 'correction', 'Wrong month.', '2021-04-20T00:00:00.000Z']]),
    story('b', '2021-06-01T00:00:00.000Z', [
      ['c1', 'clarification', 'Mirror statistics.', '2021-05-30T00:00:00.000Z'],
      ['c2', 'correction', 'Wrong agency & date.', '2021-04-25T00:00:00.000Z'],
    ]),
  ]
  const feed = buildCorrectionsFeed(correctionsScope, stories, context, { now: new Date('2026-01-01T00:00:00.000Z') })
  const built = (format: keyof typeof FEED_FORMATS) => FEED_FORMATS[format].build(feed)

  it('lists every correction newest first, each at its own place in its story', () => {
    expect(feed.items.map((item) => [item.title, item.url, item.publishedAt])).toEqual([
      ['Clarification: Story b', `${SITE}/articles/b#correction-c1`, '2021-05-30T00:00:00.000Z'],
      ['Correction: Story b', `${SITE}/articles/b#correction-c2`, '2021-04-25T00:00:00.000Z'],
      ['Correction: Story a', `${SITE}/articles/a#correction-c1`, '2021-04-20T00:00:00.000Z'],
    ])
    expect(feed.lastModified).toBe('2021-06-01T00:00:00.000Z')
  })

  it.each(['rss', 'atom', 'json'] as const)('reads in a real feed reader as %s, each correction with an id of its own', (format) => {
    const { items } = format === 'json' ? JSON.parse(built(format)) : parseFeed(built(format))
    expect(items.map((item: { id: string }) => item.id)).toEqual([
      `${SITE}/articles/b#correction-c1`,
      `${SITE}/articles/b#correction-c2`,
      `${SITE}/articles/a#correction-c1`,
    ])
  })
})
