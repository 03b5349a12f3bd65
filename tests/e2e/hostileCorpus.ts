/**
 * Broken and hostile documents, as an attacker or a buggy integration might store them. Every
 * article is labelled as test content; ids start with "hostile." so a test can find them.
 */
const ref = (id: string) => ({ _type: 'reference', _ref: id })
const span = (text: string, marks: string[] = [], key = `s${Math.random().toString(36).slice(2, 8)}`) => ({
  _type: 'span',
  _key: key,
  text,
  marks,
})
const block = (key: string | undefined, children: unknown[], extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  ...(key ? { _key: key } : {}),
  style: 'normal',
  markDefs: [],
  children,
  ...extra,
})
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
]

/** Documents the hostile articles point at. */
export const HOSTILE_SUPPORT = [
  {
    _id: 'hostile.asset-without-image-id',
    _type: 'sanity.imageAsset',
    url: 'not a url',
    metadata: { _type: 'sanity.imageMetadata', dimensions: { _type: 'sanity.imageDimensions', width: 10, height: 10, aspectRatio: 1 } },
  },
]
