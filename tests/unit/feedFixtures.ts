import type { FeedContext } from '@/lib/feeds/context'
import type { FeedArticle } from '@/lib/feeds/feed'

export const SITE = 'https://factline.example'

/** Image URLs as the hosted lake's CDN would give them, without a network. */
export const context: FeedContext = {
  siteUrl: SITE,
  imageUrl: (image, width) => `https://cdn.example/images/${(image as { asset: { _id: string } }).asset._id}.jpg?w=${width}`,
}

export const PUBLISHED_AT = '2021-04-19T06:30:00.000Z'
/** When the section, authors and tags of the fixtures were last edited: before the story. */
export const EDITED_AT = '2021-01-01T00:00:00.000Z'

/** The imports series, with March revised a month after the story was published. */
export const importsSeries = {
  _id: 'tradeSeries.imports',
  _updatedAt: '2021-05-18T02:00:00.000Z',
  title: "North Korea's imports from China",
  slug: 'north-korea-imports-from-china',
  source: { agency: 'General Administration of Customs', wording: 'Chinese customs data' },
  freqCode: 'M' as const,
  observations: [
    {
      _key: '2021-02',
      _type: 'tradeObservation' as const,
      period: '2021-02',
      primaryValue: 3_000,
      status: 'provisional' as const,
      releasedAt: '2021-04-18T02:00:00.000Z',
    },
    {
      _key: '2021-03',
      _type: 'tradeObservation' as const,
      period: '2021-03',
      primaryValue: 13_050_000,
      status: 'revised' as const,
      releasedAt: '2021-05-18T02:00:00.000Z',
      history: [
        {
          _key: 'first',
          _type: 'observationRelease' as const,
          primaryValue: 12_980_000,
          status: 'provisional' as const,
          releasedAt: '2021-04-18T02:00:00.000Z',
        },
      ],
    },
  ],
}

const photoAsset = (id: string) => ({ _id: id, metadata: { dimensions: { width: 1600, height: 800 } } })

type Body = NonNullable<FeedArticle['body']>
type Block = Extract<Body[number], { _type: 'block' }>

export const paragraph = (key: string, children: NonNullable<Block['children']>, extra: Partial<Block> = {}): Block => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs: [],
  children,
  ...extra,
})

export const span = (key: string, text: string, marks: string[] = []) => ({ _type: 'span' as const, _key: key, text, marks })

export const fact = (key: string, period: string, fallbackText: string) => ({
  _type: 'tradeFact' as const,
  _key: key,
  period,
  show: 'value' as const,
  fallbackText,
  series: importsSeries,
  seriesRef: importsSeries._id,
  published: null,
})

export const photo = (key: string, caption: string, credit: string) => ({
  _type: 'photo' as const,
  _key: key,
  alt: 'Containers at a port',
  caption,
  credit,
  crop: null,
  hotspot: null,
  asset: photoAsset(`image-${key}-1600x800-jpg`),
})

export function article(overrides: Partial<FeedArticle> = {}): FeedArticle {
  return {
    _id: 'article.reference',
    _updatedAt: '2021-04-19T07:00:00.000Z',
    headline: 'NK imports from China spike in March',
    slug: 'nk-imports-from-china-spike-in-march',
    standfirst: null,
    publishedAt: PUBLISHED_AT,
    updatedAt: null,
    section: { title: 'North Korea', slug: 'north-korea', _updatedAt: EDITED_AT },
    authors: [{ _key: 'b1', role: null, author: { name: 'Ahn Sung-mi', slug: 'ahn-sung-mi', _updatedAt: EDITED_AT } }],
    mainImage: {
      alt: 'The flag of North Korea',
      caption: 'North Korean flag',
      credit: 'AFP-Yonhap',
      crop: null,
      hotspot: null,
      asset: photoAsset('image-flag-1200x600-jpg'),
    },
    tags: [{ title: 'Trade', slug: 'trade', _updatedAt: EDITED_AT }],
    corrections: null,
    body: [
      paragraph('p1', [
        span('s1', 'Shipments totaled '),
        fact('f1', '2021-03', '$12.98 million'),
        span('s2', ', up from '),
        fact('f2', '2021-02', '$3,000'),
        span('s3', '.'),
      ]),
    ],
    ...overrides,
  }
}
