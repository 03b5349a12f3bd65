import { describe, expect, it } from 'vitest'
import { seriesLocations, storyLocations } from '../../sanity/presentationResolve'

const section = { title: 'North Korea', slug: 'north-korea' }

describe("the Presentation tool's locations", () => {
  it.each([
    [
      'a story in a section',
      { headline: 'NK imports from China spike in March', slug: 'nk-imports', section },
      ['/articles/nk-imports', '/', '/sections/north-korea', '/feeds/rss.xml', '/sections/north-korea/rss.xml'],
    ],
    ['a story without a section', { headline: 'Sample', slug: 'sample', section: null }, ['/articles/sample', '/', '/feeds/rss.xml']],
    ['a story with no web address yet', { headline: 'Sample', slug: null, section }, []],
  ])('%s appears on %j', (_, story, hrefs) => {
    expect(storyLocations(story).map((l) => l.href)).toEqual(hrefs)
  })

  it('names the story first, by its headline', () => {
    expect(storyLocations({ headline: 'NK imports', slug: 'nk-imports', section })[0]?.title).toBe('NK imports')
  })

  it.each([
    [
      'a series cited by two stories',
      {
        title: "North Korea's imports from China",
        slug: 'north-korea-imports-from-china',
        citedBy: [
          { headline: 'NK imports from China spike in March', slug: 'nk-imports' },
          { headline: 'A draft never given a slug', slug: null },
          { headline: 'Sample: older story', slug: 'older' },
        ],
      },
      ['/data/north-korea-imports-from-china', '/articles/nk-imports', '/articles/older'],
    ],
    ['a series nobody cites', { title: 'Sample series', slug: 'sample-series', citedBy: [] }, ['/data/sample-series']],
  ])('%s lists %j', (_, series, hrefs) => {
    expect(seriesLocations(series).map((l) => l.href)).toEqual(hrefs)
  })
})
