import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { TradeFact } from '@/components/TradeFact'
import { bodyHtml } from '@/lib/feeds/bodyHtml'
import { presentTradeFact, revisionNoteText } from '@/lib/figures/presentTradeFact'
import { recordFigures } from '@/lib/figures/publicationRecord'
import { type article, context, fact, importsSeries, PUBLISHED_AT, paragraph, photo, SITE, span } from './feedFixtures'

const STORY_URL = `${SITE}/articles/story`
const render = (body: NonNullable<ReturnType<typeof article>['body']>) =>
  bodyHtml({ body, publishedAt: PUBLISHED_AT, url: STORY_URL }, context)

const decode = (html: string) =>
  html.replace(/&(amp|lt|gt|quot|#x27);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'" })[name] ?? '')

/** What a reader sees of each figure: its text, where it links, and the revision note after it. */
function figuresIn(html: string) {
  return [...html.matchAll(/<a class="figure" href="([^"]+)"[^>]*>([^<]*)<\/a>(?:<span class="figure__revision">([^<]*)<\/span>)?/g)].map(
    ([, href, text, note]) => ({ href: decode(href ?? ''), text: decode(text ?? ''), note: note && decode(note) }),
  )
}

describe('feed HTML for an article body', () => {
  it('shows each figure as the page does, linking absolutely to its data page, with the revision note', () => {
    const revised = fact('f1', '2021-03', '$12.98 million')
    const page = figuresIn(renderToStaticMarkup(<TradeFact fact={revised} articleId="article.reference" publishedAt={PUBLISHED_AT} />))
    const feed = figuresIn(render([paragraph('p1', [revised])]))
    const figure = presentTradeFact(revised, PUBLISHED_AT)
    if (!figure.resolved || !figure.revision) throw new Error('the fixture is a revised figure')

    expect(feed).toEqual(page.map((f) => ({ ...f, href: `${SITE}${f.href}` })))
    expect(feed).toEqual([
      {
        text: '$13.05 million',
        href: `${SITE}/data/north-korea-imports-from-china#period-2021-03`,
        note: ` (${revisionNoteText(figure.revision)})`,
      },
    ])
    expect(feed[0]?.note).toBe(' (revised May 18, 2021; $12.98 million when published on April 19, 2021)')
  })

  it.each([
    // The fixture's March (13,050,000) is above February (3,000): higher than February, so not "since February".
    ['2021-02', 'not supported', ' (not supported by the data: February 2021 was lower)'],
    // January is not in the fixture: the claim cannot be checked.
    ['2020-12', 'cannot be checked', ' (cannot be checked: no data for December 2020, January 2021)'],
  ])('shows a claim since %s as the page does: %s, with the note', (since, verdict, note) => {
    const claim = { ...fact('c1', '2021-03', 'the highest level since'), show: 'highestSince' as const, comparePeriod: since }
    const page = renderToStaticMarkup(<TradeFact fact={claim} articleId="article.reference" publishedAt={PUBLISHED_AT} />)
    const feed = render([paragraph('p1', [claim])])
    const claimIn = (html: string) => {
      const match = /<a class="[^"]*"[^>]*data-claim="([^"]+)"[^>]*>([^<]*)<\/a>(?:<span class="figure__claim-note">([^<]*)<\/span>)?/.exec(
        html,
      )
      return match && { verdict: match[1], text: decode(match[2] ?? ''), note: match[3] && decode(match[3]) }
    }
    expect(claimIn(feed)).toEqual(claimIn(page))
    expect(claimIn(feed)).toMatchObject({ verdict, note })
  })

  it('marks a supported claim without words in the prose, and says why in its title', () => {
    const claim = { ...fact('c2', '2021-02', 'the highest level since'), show: 'highestSince' as const, comparePeriod: '2021-01' }
    const series = {
      ...importsSeries,
      observations: [
        ...importsSeries.observations,
        {
          _key: '2021-01',
          _type: 'tradeObservation' as const,
          period: '2021-01',
          primaryValue: 5_000,
          status: 'provisional' as const,
          releasedAt: '2021-04-18T02:00:00.000Z',
        },
      ],
    }
    const feed = decode(render([paragraph('p1', [{ ...claim, series }])]))
    expect(feed).toContain('data-claim="supported">the highest level since January</a></p>')
    expect(feed).toContain(
      'the highest level since January, supported by the data: January 2021 was as high or higher, and every month since lower.',
    )
  })

  it('names the series, period, source and release of a figure in its title', () => {
    const html = render([paragraph('p1', [fact('f2', '2021-02', '$3,000')])])
    expect(decode(html)).toContain(
      `title="North Korea's imports from China, February 2021: $3,000, provisional. Source: Chinese customs data, released April 18, 2021."`,
    )
  })

  it('shows an unresolvable figure as the editor typed it, marked unverified and unlinked', () => {
    const html = render([paragraph('p1', [{ ...fact('f3', '2019-01', '$9 million'), series: null }])])
    expect(html).toBe('<p><span class="figure figure--unverified" title="unverified: not linked to data">$9 million</span></p>')
  })

  it('shows a figure whose series is gone as the story recorded it at publication, the same on the page and in feeds', () => {
    const [record] = recordFigures([fact('f4', '2021-03', '$12.98 million')], { moment: PUBLISHED_AT, recordedAt: PUBLISHED_AT })
    const gone = { ...fact('f4', '2021-03', 'typed'), series: null, published: record ?? null }
    const description =
      "as published on April 19, 2021: North Korea's imports from China, March 2021, released April 18, 2021; no longer linked to live data"
    expect(decode(render([paragraph('p1', [gone])]))).toBe(
      `<p><span class="figure figure--unlinked" title="${description}">$12.98 million</span></p>`,
    )
    const page = renderToStaticMarkup(<TradeFact fact={gone} articleId="article.reference" publishedAt={PUBLISHED_AT} />)
    expect(decode(page)).toContain(`<span class="figure figure--unlinked" aria-describedby="fact-f4">$12.98 million`)
    expect(decode(page)).toContain(description)
  })

  it.each([
    ['normal', '<p>Text</p>'],
    ['h2', '<h2>Text</h2>'],
    ['h3', '<h3>Text</h3>'],
    ['blockquote', '<blockquote>Text</blockquote>'],
    ['an unknown style', '<p>Text</p>'],
  ] as const)('renders a %s block', (style, expected) => {
    expect(render([paragraph('p1', [span('s1', 'Text')], { style: style as 'normal' })])).toBe(expected)
  })

  it('renders lists and emphasis', () => {
    const html = render([
      paragraph('l1', [span('s1', 'One', ['strong'])], { listItem: 'bullet', level: 1 }),
      paragraph('l2', [span('s2', 'Two', ['em'])], { listItem: 'bullet', level: 1 }),
    ])
    expect(html).toBe('<ul><li><strong>One</strong></li><li><em>Two</em></li></ul>')
  })

  it.each([
    ['an absolute link as given', 'https://customs.example/data?a=1&b=2', '<a href="https://customs.example/data?a=1&amp;b=2">data</a>'],
    [
      'a site path against the site',
      '/data/north-korea-imports-from-china',
      `<a href="${SITE}/data/north-korea-imports-from-china">data</a>`,
    ],
    ['a fragment against the story', '#notes', `<a href="${STORY_URL}#notes">data</a>`],
    ['mail as given', 'mailto:desk@factline.example', '<a href="mailto:desk@factline.example">data</a>'],
    ['a script link as plain text', 'javascript:alert(1)', 'data'],
  ])('makes %s', (_, href, expected) => {
    const html = render([paragraph('p1', [span('s1', 'data', ['m1'])], { markDefs: [{ _type: 'link', _key: 'm1', href }] })])
    expect(html).toBe(`<p>${expected}</p>`)
  })

  it('renders a photo as a figure with an absolute image URL, alt text, caption and credit', () => {
    expect(render([photo('ph1', 'Trucks at Dandong', 'Sample photo (Factline)')])).toBe(
      '<figure><img src="https://cdn.example/images/image-ph1-1600x800-jpg.jpg?w=1200" alt="Containers at a port" width="1200" height="600" />' +
        '<figcaption>Trucks at Dandong (Sample photo (Factline))</figcaption></figure>',
    )
  })

  it('renders a chart as the table of its window, with caption, source and a link to the data', () => {
    const html = render([{ _type: 'dataChart', _key: 'c1', series: importsSeries, fromPeriod: '2021-03', caption: 'Imports & more' }])
    expect(html).toContain('<caption>Imports &amp; more</caption>')
    expect(html).toContain('<tr><th scope="row">March 2021</th><td>$13.05 million</td><td>revised</td><td>May 18, 2021</td></tr>')
    expect(html).not.toContain('February 2021')
    expect(html).toContain(
      `<figcaption>Imports &amp; more. Source: General Administration of Customs. <a href="${SITE}/data/north-korea-imports-from-china">All data for North Korea&#x27;s imports from China</a></figcaption>`,
    )
  })

  it('leaves out blocks of a type it does not know', () => {
    const unknown = { _type: 'poll', _key: 'x1' } as unknown as Parameters<typeof render>[0][number]
    expect(render([unknown, paragraph('p1', [span('s1', 'After')])])).toBe('<p>After</p>')
  })
})
