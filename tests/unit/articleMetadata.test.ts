import { describe, expect, it } from 'vitest'
import type { ARTICLE_QUERY_RESULT } from '@/lib/content/sanity.types'
import { articleJsonLd, articleMetadata, jsonForScript } from '@/lib/feeds/articleMetadata'
import { SUMMARY_MAX_CHARACTERS, storySummary } from '@/lib/feeds/summary'
import { article, context, PUBLISHED_AT, SITE } from './feedFixtures'

const { _updatedAt, ...fields } = article()
const story: NonNullable<ARTICLE_QUERY_RESULT> = {
  ...fields,
  updatedAt: '2021-04-20T01:00:00.000Z',
  relatedTo: [],
  authors: [{ _key: 'b1', role: null, author: { name: 'Ahn Sung-mi', slug: 'ahn-sung-mi', email: 'sahn@heraldcorp.com' } }],
}
const URL = `${SITE}/articles/nk-imports-from-china-spike-in-march`

describe('storySummary', () => {
  it('is the standfirst when there is one', () => {
    expect(storySummary({ ...story, standfirst: ' Imports jumped. ' })).toBe('Imports jumped.')
  })

  it('is otherwise the first paragraph, its figures read as on the page', () => {
    expect(storySummary(story)).toBe('Shipments totaled $13.05 million, up from $3,000.')
  })
})

describe('a very long story', () => {
  const long = 'word '.repeat(200_000)
  const first = story.body?.[0]
  const longStory = {
    ...story,
    standfirst: null,
    body: first?._type === 'block' ? [{ ...first, children: [{ _type: 'span' as const, _key: 's', text: long }] }] : [],
  }

  it.each([
    ['a long standfirst', { ...story, standfirst: long }],
    ['a long first paragraph', longStory],
  ])('is described in a few hundred characters, cut at a word, from %s', (_case, input) => {
    const description = storySummary(input)
    expect(description?.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS)
    expect(description).toMatch(/^(word )+word…$/)
  })

  it('does not repeat its body in meta tags, cards or JSON-LD', () => {
    const metadata = articleMetadata(longStory, SITE)
    const everyDescription = [
      metadata.description,
      metadata.openGraph?.description,
      metadata.twitter?.description,
      articleJsonLd(longStory, context).description,
    ]
    for (const description of everyDescription) expect(String(description).length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS)
  })
})

describe('article metadata', () => {
  const metadata = articleMetadata(story, SITE)

  it('has the canonical URL and links the site’s, the section’s and each topic’s feeds', () => {
    expect(metadata.alternates?.canonical).toBe(URL)
    expect(metadata.alternates?.types?.['application/rss+xml']).toEqual([
      { url: '/feeds/rss.xml', title: 'Factline' },
      { url: '/sections/north-korea/rss.xml', title: 'Factline: North Korea' },
      { url: '/tags/trade/rss.xml', title: 'Factline: Trade' },
    ])
  })

  it('describes the story to Open Graph and Twitter', () => {
    expect(metadata.openGraph).toMatchObject({
      type: 'article',
      url: URL,
      title: 'NK imports from China spike in March',
      siteName: 'Factline',
      publishedTime: PUBLISHED_AT,
      // The story's first figure was changed by the data revision of May 18, after the editors' update.
      modifiedTime: '2021-05-18T02:00:00.000Z',
      section: 'North Korea',
      authors: [`${SITE}/authors/ahn-sung-mi`],
      tags: ['Trade'],
    })
    expect(metadata.twitter).toMatchObject({ card: 'summary_large_image', title: 'NK imports from China spike in March' })
  })
})

describe('NewsArticle JSON-LD', () => {
  it('names the headline, dates, author, photo with caption and credit, and publisher', () => {
    expect(articleJsonLd(story, context)).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'NK imports from China spike in March',
      datePublished: PUBLISHED_AT,
      dateModified: '2021-05-18T02:00:00.000Z',
      mainEntityOfPage: { '@type': 'WebPage', '@id': URL },
      author: [{ '@type': 'Person', name: 'Ahn Sung-mi', url: `${SITE}/authors/ahn-sung-mi` }],
      image: {
        '@type': 'ImageObject',
        url: 'https://cdn.example/images/image-flag-1200x600-jpg.jpg?w=1200',
        caption: 'North Korean flag',
        creditText: 'AFP-Yonhap',
      },
      publisher: {
        '@type': 'Organization',
        name: 'Factline',
        url: `${SITE}/`,
        logo: { '@type': 'ImageObject', url: `${SITE}/publisher-logo.png`, width: 600, height: 60 },
      },
    })
  })

  it('carries each correction and clarification as a CorrectionComment, newest first, and is dated by the latest', () => {
    const corrected = {
      ...story,
      corrections: [
        { _key: 'c1', kind: 'correction' as const, text: 'An earlier version gave the wrong month.', date: '2021-06-01T00:00:00.000Z' },
        { _key: 'c2', kind: 'clarification' as const, text: 'The figures are China’s exports.', date: '2021-06-02T00:00:00.000Z' },
      ],
    }
    const jsonLd = articleJsonLd(corrected, context)
    expect(jsonLd.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        name: 'Clarification',
        text: 'The figures are China’s exports.',
        datePublished: '2021-06-02T00:00:00.000Z',
      },
      {
        '@type': 'CorrectionComment',
        name: 'Correction',
        text: 'An earlier version gave the wrong month.',
        datePublished: '2021-06-01T00:00:00.000Z',
      },
    ])
    expect(jsonLd.dateModified).toBe('2021-06-02T00:00:00.000Z')
  })

  it('has no correction property for a story never corrected', () => {
    expect(articleJsonLd(story, context)).not.toHaveProperty('correction')
  })

  it('cannot close its script element, whatever the story says', () => {
    const json = jsonForScript({ headline: '</script><script>alert(1)</script>' })
    expect(json).not.toContain('<')
    expect(JSON.parse(json).headline).toBe('</script><script>alert(1)</script>')
  })
})
