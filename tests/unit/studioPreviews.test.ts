import { describe, expect, it } from 'vitest'
import { citationSummary } from '../../sanity/components/CitingStoriesNotice'
import { prepareArticlePreview } from '../../sanity/schemaTypes/articleType'
import { prepareAuthorPreview } from '../../sanity/schemaTypes/authorType'
import { prepareTradeFactPreview } from '../../sanity/schemaTypes/tradeFactType'
import { prepareSeriesPreview } from '../../sanity/schemaTypes/tradeSeriesType'

const photo = { _type: 'photo', asset: { _ref: 'image-abc-1200x600-jpg' } }

describe('article list preview', () => {
  it.each([
    [
      'the reference story',
      {
        title: 'NK imports from China spike in March',
        section: 'North Korea',
        publishedAt: '2021-04-19T06:30:00Z',
        author0: 'Ahn Sung-mi',
        media: photo,
      },
      { title: 'NK imports from China spike in March', subtitle: 'North Korea · April 19, 2021 · By Ahn Sung-mi', media: photo },
    ],
    [
      'two authors, dated in Korea Standard Time',
      { title: 'Late story', section: 'Economy', publishedAt: '2021-04-19T20:00:00Z', author0: 'A', author1: 'B' },
      { title: 'Late story', subtitle: 'Economy · April 20, 2021 · By A and B', media: undefined },
    ],
    [
      'three or more authors',
      { title: 'Team story', section: 'Economy', publishedAt: '2021-04-19T06:30:00Z', author0: 'A', author1: 'B', author2: 'C' },
      { title: 'Team story', subtitle: 'Economy · April 19, 2021 · By A, B and others', media: undefined },
    ],
    [
      'a new draft with nothing filled in',
      {},
      { title: 'Untitled story', subtitle: 'No section · No publication time · No byline', media: undefined },
    ],
  ])('%s', (_, values, expected) => {
    expect(prepareArticlePreview(values)).toEqual(expected)
  })
})

describe('author list preview', () => {
  it.each([
    [
      { title: 'Ahn Sung-mi', email: 'sahn@heraldcorp.com', bio: 'Reporter.', media: photo },
      { title: 'Ahn Sung-mi', subtitle: 'sahn@heraldcorp.com', description: 'Reporter.', media: photo },
    ],
    [{}, { title: 'Unnamed author', subtitle: 'No email address', description: undefined, media: undefined }],
  ])('%j', (values, expected) => {
    expect(prepareAuthorPreview(values)).toEqual(expected)
  })
})

describe('series list preview', () => {
  it('shows the latest period in house style and the last release, whatever the order stored', () => {
    const observations = [
      { period: '2021-03', primaryValue: 12_980_000, releasedAt: '2021-04-18T02:00:00Z' },
      { period: '2020-09', primaryValue: 18_900_000, releasedAt: '2021-05-18T02:00:00Z' },
      { period: '2021-02', primaryValue: 3_000, releasedAt: '2021-04-18T02:00:00Z' },
    ]
    expect(
      prepareSeriesPreview({ title: "North Korea's imports from China", reporter: 'CHN', partner: 'PRK', flow: 'X', observations }),
    ).toEqual({
      title: "North Korea's imports from China",
      subtitle: 'March 2021: $12.98 million · last release May 18, 2021',
      description: 'CHN → PRK · exports',
    })
  })

  it('says when a series has no figures yet', () => {
    expect(prepareSeriesPreview({ flow: 'M' })).toEqual({
      title: 'Untitled series',
      subtitle: 'No figures yet',
      description: '? → ? · imports',
    })
  })
})

describe('trade fact preview', () => {
  it('lists the text as typed with series and period, and passes the reference on to the inline preview', () => {
    expect(
      prepareTradeFactPreview({
        title: '$12.98 million',
        series: "North Korea's imports from China",
        period: '2021-03',
        seriesId: 'tradeSeries.x',
      }),
    ).toEqual({
      title: '$12.98 million',
      subtitle: "North Korea's imports from China · 2021-03",
      seriesId: 'tradeSeries.x',
      period: '2021-03',
      fallbackText: '$12.98 million',
    })
  })

  it('passes a claim and the display precision on to the inline preview, which resolves them as the page does', () => {
    const precision = { rule: 'decimals', digits: 1 }
    expect(
      prepareTradeFactPreview({
        title: 'the highest level since September 2020',
        seriesId: 'tradeSeries.x',
        period: '2021-03',
        show: 'highestSince',
        comparePeriod: '2020-09',
        precision,
      }),
    ).toMatchObject({
      subtitle: '2021-03 · highest since 2020-09',
      period: '2021-03',
      show: 'highestSince',
      comparePeriod: '2020-09',
      precision,
    })
  })

  it('copes with a fact not yet bound to a series', () => {
    expect(prepareTradeFactPreview({ title: 'about $3,000' })).toMatchObject({ title: 'about $3,000', subtitle: '' })
    expect(prepareTradeFactPreview({ title: '$1', seriesId: 'drafts.tradeSeries.x' })).toMatchObject({ seriesId: 'tradeSeries.x' })
  })
})

describe('the caution above a series’ observations', () => {
  const story = { _id: 'article.a', headline: 'NK imports from China spike in March', publishedAt: '2021-04-19T06:30:00.000Z' }
  it.each([
    [
      'each period once, newest first',
      { periods: ['2021-02', '2021-03', '2021-03'], charts: 0 },
      'NK imports from China spike in March (April 19, 2021): March 2021 and February 2021',
    ],
    ['its charts', { periods: ['2021-03'], charts: 2 }, 'NK imports from China spike in March (April 19, 2021): March 2021 and 2 charts'],
    ['only a chart', { periods: [], charts: 1 }, 'NK imports from China spike in March (April 19, 2021): a chart'],
    [
      'a story with no date or headline',
      { headline: null, publishedAt: null, periods: ['2020-09'], charts: 0 },
      'Untitled story: September 2020',
    ],
  ])('names the story and what it cites: %s', (_case, cites, expected) => {
    expect(citationSummary({ ...story, ...cites })).toBe(expected)
  })
})
