/**
 * Broken and hostile documents, as an attacker or a buggy integration might store them. Every
 * article is labelled as test content; ids start with "hostile." so a test can find them.
 */
import { block, ref, span } from '../harness/portableText'

const article = (slug: string, headline: string, body: unknown, extra: Record<string, unknown> = {}) => ({
  _id: `hostile.${slug}`,
  _type: 'article',
  headline,
  slug: { _type: 'slug', current: slug },
  section: ref('section.data-desk'),
  authors: [{ _type: 'byline', _key: 'b1', author: ref('author.sample-lee-jun-seo') }],
  publishedAt: '2021-01-01T00:00:00.000Z',
  body,
  ...extra,
})

const link = (key: string, href: string) => ({ _type: 'link', _key: key, href })
const fact = (key: string, series: string, period: string, show: string, fallbackText: string) => ({
  _type: 'tradeFact',
  _key: key,
  series: ref(series),
  period,
  show,
  fallbackText,
})
/** Published within the last two days, so the story leads the home page and is in the news sitemap. */
const RECENT = new Date(Date.now() - 60 * 60 * 1000).toISOString()

/** A series whose values are at the edges of what a number can be, and whose history is not a list of releases. */
const extremeSeries = (id: string, slug: string, extra: Record<string, unknown> = {}) => ({
  _id: id,
  _type: 'tradeSeries',
  title: 'Test content: extreme values',
  slug: { _type: 'slug', current: slug },
  reporter: { _type: 'country', m49: 156, iso3: 'CHN', name: 'China' },
  partner: { _type: 'country', m49: 408, iso3: 'PRK', name: 'North Korea' },
  flowCode: 'X',
  cmdCode: 'TOTAL',
  freqCode: 'M',
  currency: 'USD',
  source: { agency: 'Test agency', url: 'javascript:alert(document.domain)' },
  observations: [
    { _type: 'tradeObservation', _key: 'o1', period: '2021-01', primaryValue: -1e308, releasedAt: '2021-02-18T02:00:00Z' },
    { _type: 'tradeObservation', _key: 'o2', period: '2021-02', primaryValue: 1e308, releasedAt: '2021-03-18T02:00:00Z' },
    {
      _type: 'tradeObservation',
      _key: 'o3',
      period: '2021-03',
      primaryValue: 5e-324,
      releasedAt: '2021-04-18T02:00:00Z',
      history: 'revised',
    },
    {
      _type: 'tradeObservation',
      _key: 'o4',
      period: '2021-04',
      primaryValue: 1e15,
      releasedAt: '2021-05-18T02:00:00Z',
      history: [null, 7, { _key: 'h1', primaryValue: 'n/a', releasedAt: 'soon' }],
    },
    { _type: 'tradeObservation', _key: 'o5', period: '2021-05', primaryValue: -0, releasedAt: '2021-06-18T02:00:00Z' },
    { _type: 'tradeObservation', _key: 'o6', period: '2021-06', primaryValue: -3_000, releasedAt: '2021-07-18T02:00:00Z' },
    null,
    42,
  ],
  ...extra,
})

/** Text a spreadsheet would run as a formula, in the text columns of a series download. */
export const FORMULA_CELLS = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|" /C calc"!A0', '@SUM(1,2)', '\t=1+1']

/** A standfirst with markup: text on the page, escaped text in every feed. */
export const MARKUP_STANDFIRST = '<img src=x onerror=alert(1)> <b>bold</b> &amp; <a href="javascript:alert(1)">link</a>'

/** A slug in Korean, as an editor may type one. */
export const NON_ASCII_SLUG = '북한-수입-급증'
export const NON_ASCII_SERIES_SLUG = '북한-데이터'

export const HOSTILE_ARTICLES = [
  article('unsafe-links', 'Test content: unsafe links', [
    block(
      'b-js',
      [span('javascript link', ['l1']), span(' data link', ['l2']), span(' protocol-relative', ['l3']), span(' fine link', ['l4'])],
      {
        markDefs: [
          link('l1', 'javascript:alert(document.domain)'),
          link('l2', 'data:text/html,<script>alert(1)</script>'),
          link('l3', '//evil.example/x'),
          link('l4', 'https://example.com/ok'),
        ],
      },
    ),
  ]),
  article('markup-in-text', 'Test content: <script>alert("headline")</script> & <b>bold</b>', [
    block('b-html', [span('<img src=x onerror=alert(1)> <script>alert("body")</script> ]]> &amp;')]),
    block('b-rtl', [span('مرحبا بالعالم — שלום עולם — 🇰🇵📈🚢')]),
  ]),
  article('unknown-types', 'Test content: unknown block and mark types', [
    { _type: 'mysteryWidget', _key: 'b-mystery', payload: '<script>alert(1)</script>' },
    block('b-mark', [span('undefined mark', ['nope'])]),
    block(undefined, [span('block without a key')]),
    block('b-no-children', null as unknown as unknown[]),
    {
      _type: 'photo',
      _key: 'b-photo-dangling',
      asset: ref('image-doesnotexist-10x10-jpg'),
      alt: 'missing',
      caption: 'Missing image',
      credit: 'Nobody',
    },
    { _type: 'dataChart', _key: 'b-chart-dangling', series: ref('tradeSeries.deleted'), caption: 'Chart of a deleted series' },
  ]),
  article('dangling-figure', 'Test content: a figure whose series was deleted', [
    block('b-fact', [
      span('Imports were '),
      {
        _type: 'tradeFact',
        _key: 'f-deleted',
        series: ref('tradeSeries.deleted'),
        period: '2021-03',
        show: 'value',
        fallbackText: '$1 million',
      },
      span('.'),
    ]),
  ]),
  article('dangling-refs', 'Test content: dangling author, section and image', [block('b1', [span('Text.')])], {
    section: ref('section.deleted'),
    authors: [{ _type: 'byline', _key: 'b1', author: ref('author.deleted') }],
    mainImage: { _type: 'photo', asset: ref('image-doesnotexist-10x10-jpg'), alt: 'gone', caption: 'Gone', credit: 'Nobody' },
  }),
  article('empty-body', 'Test content: empty body', []),
  article('body-not-array', 'Test content: body that is not a list', 'just a string'),
  article('huge-body', 'Test content: a one-megabyte body', [block('b-huge', [span('word '.repeat(200_000))])]),
  article('malformed-asset', 'Test content: an image asset whose id no URL can be made from', [block('b1', [span('Text.')])], {
    mainImage: { _type: 'photo', asset: ref('hostile.asset-without-image-id'), alt: 'broken', caption: 'Broken', credit: 'Nobody' },
  }),
  article('invalid-dates', 'Test content: dates that are not dates', [block('b1', [span('Text.')])], {
    publishedAt: 'yesterday-ish',
    updatedAt: '2021-13-45T99:99:99Z',
  }),
  article('cyclic', 'Test content: cyclic references', [block('b1', [span('Cycles.')])], {
    tags: [{ ...ref('hostile.cyclic'), _key: 't1' }],
  }),
  // Class 1: one story must not freeze the server.
  article('deep-list-level', 'Test content: a list item nested a million levels deep', [
    block('b-deep-h2', [span('A heading-styled list item, level 100,000.')], { listItem: 'bullet', level: 100_000, style: 'h2' }),
    block('b-deep', [span('A plain list item, level 1,000,000.')], { listItem: 'number', level: 1_000_000 }),
    block('b-after', [span('The paragraph after the list.')]),
  ]),
  article('nested-marks', 'Test content: a span with 20,000 marks', [
    block('b-marks', [
      span(
        'Marked text.',
        Array.from({ length: 20_000 }, (_, i) => `mark${i}`),
        's-marks',
      ),
    ]),
  ]),
  // 10,000 spans cost the renderers about 1.2 s for each render before the bound (20,000: 5.8 s).
  article('many-spans', 'Test content: a paragraph of 10,000 spans sharing a mark, and 10,000 links', [
    block(
      'b-spans',
      Array.from({ length: 10_000 }, (_, i) => span(i === 9_999 ? 'END' : `${i % 10}`, ['em', 'l1'], `s${i}`)),
      { markDefs: Array.from({ length: 10_000 }, (_, i) => link(`l${i}`, `https://example.com/${i}`)) },
    ),
  ]),
  // Class 2: one malformed story must not take down its page, the home page or any feed.
  article(
    'nulls-in-body',
    'Test content: null, numbers and text inside the body',
    [
      null,
      42,
      'a bare string',
      { _key: 'b-untyped', children: [] },
      block('b-ok', [null, span('Kept paragraph.'), 7, span(12345 as unknown as string)]),
    ],
    { publishedAt: RECENT },
  ),
  article('bad-tags', 'Test content: tags that are missing or only drafts', [block('b1', [span('Tagged.')])], {
    tags: [
      { ...ref('tag.does-not-exist'), _key: 't1' },
      { ...ref('hostile.tag-draft-only'), _key: 't2' },
      { ...ref('tag.does-not-exist-either'), _key: 't3' },
    ],
    publishedAt: RECENT,
  }),
  article('headline-number', '', [block('b1', [span('Headline is a number.')])], {
    headline: 2021,
    standfirst: ['a', 'list'],
    publishedAt: RECENT,
  }),
  article('headline-object', '', [block('b1', [span('Headline is an object.')])], {
    headline: { en: 'An object' },
    standfirst: 404,
    publishedAt: RECENT,
  }),
  article('headline-list', '', [block('b1', [span('Headline is a list.')])], {
    headline: ['a', 'list'],
    standfirst: { text: 'object' },
    publishedAt: RECENT,
  }),
  article(
    'extreme-values',
    'Test content: figures at the edges of a number',
    [
      block('b-facts', [
        span('A change from -1e308 to 1e308: '),
        fact('f-overflow', 'hostile.series-extreme', '2021-02', 'change', 'overflowed'),
        span('; a change from 5e-324: '),
        fact('f-infinite-percent', 'hostile.series-extreme', '2021-04', 'change', 'infinite percent'),
        span('; negative zero: '),
        fact('f-negative-zero', 'hostile.series-extreme', '2021-05', 'value', 'zero'),
        span('.'),
      ]),
      { _type: 'dataChart', _key: 'b-chart', series: ref('hostile.series-extreme'), caption: 'Chart of extreme values' },
    ],
    { publishedAt: RECENT },
  ),
  // Class 5: a very large body must not be repeated in every meta tag, card and payload.
  article('huge-standfirst', 'Test content: a half-megabyte standfirst', [block('b1', [span('Short body.')])], {
    standfirst: 'standfirst '.repeat(50_000),
  }),
  // Class 13.
  article('markup-in-standfirst', 'Test content: markup in the standfirst', [block('b1', [span('Body.')])], {
    standfirst: MARKUP_STANDFIRST,
    publishedAt: RECENT,
  }),
  article(NON_ASCII_SLUG, 'Test content: a story with a Korean slug', [block('b1', [span('Korean slug.')])], {
    _id: 'hostile.non-ascii-slug',
    publishedAt: RECENT,
  }),
]

/** Documents the hostile articles point at. */
export const HOSTILE_SUPPORT = [
  extremeSeries('hostile.series-extreme', 'hostile-extreme'),
  extremeSeries('hostile.series-formulae', 'hostile-formulae', {
    title: 'Test content: formulas in a download',
    currency: FORMULA_CELLS[0],
    cmdCode: FORMULA_CELLS[1],
    reporter: { _type: 'country', m49: 156, iso3: FORMULA_CELLS[2], name: 'China' },
    partner: { _type: 'country', m49: 408, iso3: FORMULA_CELLS[3], name: 'North Korea' },
  }),
  extremeSeries('hostile.series-non-ascii', NON_ASCII_SERIES_SLUG, { title: 'Test content: a series with a Korean slug' }),
  { _id: 'drafts.hostile.tag-draft-only', _type: 'tag', title: 'Draft-only tag', slug: { _type: 'slug', current: 'draft-only' } },
  {
    _id: 'hostile.asset-without-image-id',
    _type: 'sanity.imageAsset',
    url: 'not a url',
    metadata: { _type: 'sanity.imageMetadata', dimensions: { _type: 'sanity.imageDimensions', width: 10, height: 10, aspectRatio: 1 } },
  },
]

/** Every reader-facing address the hostile corpus reaches: each must answer 200, whatever the content. */
export const HOSTILE_PATHS = [
  ...HOSTILE_ARTICLES.map((a) => `/articles/${encodeURIComponent(a.slug.current)}`),
  '/',
  '/sections/data-desk',
  '/authors/sample-lee-jun-seo',
  '/feeds/rss.xml',
  '/feeds/atom.xml',
  '/feeds/feed.json',
  '/sections/data-desk/rss.xml',
  '/sections/data-desk/feed.json',
  '/authors/sample-lee-jun-seo/atom.xml',
  '/sitemap.xml',
  '/sitemaps/stories-1.xml',
  '/sitemaps/sections-1.xml',
  '/sitemaps/data-1.xml',
  '/news-sitemap.xml',
  '/data/hostile-extreme',
  '/data/hostile-extreme/observations.csv',
  '/data/hostile-extreme/observations.json',
  '/data/hostile-formulae/observations.csv',
  `/data/${encodeURIComponent(NON_ASCII_SERIES_SLUG)}`,
  `/data/${encodeURIComponent(NON_ASCII_SERIES_SLUG)}/observations.csv`,
]
