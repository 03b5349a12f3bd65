import { parseFragment } from 'parse5'
import { describe, expect, it } from 'vitest'
import { EMBED_SIZES } from '@/lib/feeds/embeds'
import { oembedAlternate, oembedTarget, parseMaxDimension, richEmbed, storyLink } from '@/lib/feeds/oembed'
import { xmlSafe } from '@/lib/feeds/xmlText'
import { HOSTILE } from './hostileText'

const SITE = 'https://factline.example'

describe('oembedTarget', () => {
  it.each([
    ['a data page: its chart', `${SITE}/data/imports`, { kind: 'chart', series: 'imports' }],
    [
      'a period of a data page: the figure',
      `${SITE}/data/imports#period-2021-03`,
      { kind: 'figure', series: 'imports', period: '2021-03' },
    ],
    ['a year of a data page', `${SITE}/data/imports#period-2020`, { kind: 'figure', series: 'imports', period: '2020' }],
    ['another anchor of a data page: its chart', `${SITE}/data/imports#observations`, { kind: 'chart', series: 'imports' }],
    ['a chart embed', `${SITE}/embed/chart/imports`, { kind: 'chart', series: 'imports' }],
    ['a figure embed', `${SITE}/embed/figure/imports/2021-03`, { kind: 'figure', series: 'imports', period: '2021-03' }],
    ['a story', `${SITE}/articles/a-story?utm=x`, { kind: 'story', slug: 'a-story' }],
    ['a Korean slug, percent-encoded', `${SITE}/data/%EB%B6%81%ED%95%9C`, { kind: 'chart', series: '북한' }],
    ['another site', 'https://evil.example/data/imports', undefined],
    ['another scheme of our host', 'ftp://factline.example/data/imports', undefined],
    ['a page with nothing to embed', `${SITE}/sections/economy`, undefined],
    ['a data download', `${SITE}/data/imports/observations.csv`, undefined],
    ['not a URL', 'imports', undefined],
    ['broken percent-encoding', `${SITE}/data/%E0%A4%A`, undefined],
  ])('%s', (_, url, expected) => {
    expect(oembedTarget(url, SITE)).toEqual(expected)
  })
})

describe('parseMaxDimension', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['300', 300],
    ['0', 'invalid'],
    ['-5', 'invalid'],
    ['12.5', 'invalid'],
    ['wide', 'invalid'],
  ])('%j is %j', (value, expected) => {
    expect(parseMaxDimension(value)).toBe(expected)
  })
})

describe('a rich embed', () => {
  it.each([
    ['no limits: the drawn size', {}, EMBED_SIZES.chart],
    ['a narrower consumer', { maxwidth: 300 }, { width: 300, height: EMBED_SIZES.chart.height }],
    ['a shorter consumer', { maxheight: 200 }, { width: EMBED_SIZES.chart.width, height: 200 }],
    ['limits larger than the drawing', { maxwidth: 2000, maxheight: 2000 }, EMBED_SIZES.chart],
  ])('fits %s, and its iframe says the same size', (_, limits, size) => {
    const answer = richEmbed('chart', '/embed/chart/imports', 'Imports', SITE, limits)
    expect({ width: answer.width, height: answer.height }).toEqual(size)
    expect(answer.html).toContain(`width="${size.width}" height="${size.height}"`)
    expect(answer).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Factline', provider_url: `${SITE}/` })
  })

  it.each(HOSTILE)('keeps %s in a title as text: one iframe, titled exactly so', (_, hostile) => {
    const answer = richEmbed('figure', '/embed/figure/imports/2021-03', hostile, SITE)
    const fragment = parseFragment(answer.html)
    expect(fragment.childNodes.map((node) => node.nodeName)).toEqual(['iframe'])
    const iframe = fragment.childNodes[0] as { attrs: { name: string; value: string }[] }
    const attrs = Object.fromEntries(iframe.attrs.map((a) => [a.name, a.value]))
    expect(attrs.title).toBe(xmlSafe(hostile).trim())
    expect(attrs.src).toBe(`${SITE}/embed/figure/imports/2021-03`)
    expect(answer.title).toBe(attrs.title)
  })
})

describe('a story as an oEmbed link', () => {
  it('names its authors and gives a thumbnail only with all three of its fields', () => {
    const story = { title: 'T', authors: [{ name: 'A', url: `${SITE}/authors/a` }, { name: 'B' }] }
    expect(storyLink({ ...story, image: { url: 'i.jpg', width: 1200, height: 600 } }, SITE)).toMatchObject({
      type: 'link',
      author_name: 'A, B',
      author_url: `${SITE}/authors/a`,
      thumbnail_url: 'i.jpg',
      thumbnail_width: 1200,
      thumbnail_height: 600,
    })
    expect(storyLink({ ...story, image: { url: 'i.jpg', width: 1200 } }, SITE)).not.toHaveProperty('thumbnail_url')
    expect(storyLink({ title: 'T', authors: [] }, SITE)).not.toHaveProperty('author_name')
  })
})

it('links a page to the endpoint with its own address, encoded', () => {
  expect(oembedAlternate(`${SITE}/data/imports`, 'Data')).toEqual({
    'application/json+oembed': [{ url: `/api/oembed?url=${encodeURIComponent(`${SITE}/data/imports`)}&format=json`, title: 'Data' }],
  })
})
