import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Highlight } from '@/components/Highlight'
import { searchPath } from '@/lib/site/paths'
import { excerpt, highlight, SEARCH_MAX_CHARS, SEARCH_MAX_TERMS, searchRequestOf } from '@/lib/site/search'

/** A highlighted text written with the matches in brackets, to read the table at a glance. */
const marked = (text: string, words: string[]) =>
  highlight(text, words)
    .map((run) => (run.match ? `[${run.text}]` : run.text))
    .join('')

describe('highlight', () => {
  it.each([
    ['North Korea imports from China', ['china'], 'North Korea imports from [China]'],
    ['Imports rose; imports fell', ['import'], '[Imports] rose; [imports] fell'],
    // A word matches where it begins with a searched word, as the query's prefixes do; not inside a word.
    ['exports and re-exports', ['export'], '[exports] and re-[exports]'],
    ['reimports', ['import'], 'reimports'],
    ['coal, rice and fertiliser', ['rice', 'coal'], '[coal], [rice] and fertiliser'],
    ['Trade up 12% to $13.05 million', ['13'], 'Trade up 12% to $[13].05 million'],
    ['북한 무역 통계', ['무역'], '북한 [무역] 통계'],
    ['ＣＨＩＮＡ trade', ['china'], '[ＣＨＩＮＡ] trade'],
    ['Nothing here', ['china'], 'Nothing here'],
    ['', ['china'], ''],
    // Markup in the text is text: it is matched and kept as characters, never read as tags.
    ['<b>China</b> & <script>alert(1)</script>', ['china', 'script'], '<b>[China]</b> & <[script]>alert(1)</[script]>'],
  ])('%j with %j → %s', (text, words, expected) => {
    expect(marked(text, words)).toBe(expected)
  })

  it('keeps every character of the text, in order', () => {
    const text = 'Exports to China (provisional): $3,000 — up from $1,300 in “March”.'
    expect(
      highlight(text, ['china', 'march'])
        .map((run) => run.text)
        .join(''),
    ).toBe(text)
  })

  it('renders matches in <mark> and markup in the text as escaped text', () => {
    const html = renderToStaticMarkup(<Highlight text={'<img src=x onerror="alert(1)"> China'} words={['china', 'img']} />)
    expect(html).toBe('&lt;<mark>img</mark> src=x onerror=&quot;alert(1)&quot;&gt; <mark>China</mark>')
  })
})

describe('searchRequestOf', () => {
  it.each([
    [{ q: 'China exports' }, { words: ['china', 'exports'], terms: 'china* exports*', page: 1 }],
    [{ q: '  China   CHINA china ' }, { words: ['china'], terms: 'china*', page: 1 }],
    // Markup and GROQ's own syntax in the query are separators, never part of the pattern.
    [{ q: '<b>trade</b>' }, { words: ['b', 'trade'], terms: 'b* trade*', page: 1 }],
    [{ q: 'coal* "rice" -port || *' }, { words: ['coal', 'rice', 'port'], terms: 'coal* rice* port*', page: 1 }],
    [{ q: '북한 무역' }, { words: ['북한', '무역'], terms: '북한* 무역*', page: 1 }],
    [{ q: ['first', 'second'] }, { words: ['first'], terms: 'first*', page: 1 }],
    [
      { q: 'trade', page: '3' },
      { words: ['trade'], terms: 'trade*', page: 3 },
    ],
    // A page written any other way, or past the last, is the first.
    [
      { q: 'trade', page: '03' },
      { words: ['trade'], terms: 'trade*', page: 1 },
    ],
    [
      { q: 'trade', page: '0' },
      { words: ['trade'], terms: 'trade*', page: 1 },
    ],
    [
      { q: 'trade', page: '2.5' },
      { words: ['trade'], terms: 'trade*', page: 1 },
    ],
    [
      { q: 'trade', page: '401' },
      { words: ['trade'], terms: 'trade*', page: 1 },
    ],
  ])('%j → %j', (params, expected) => {
    expect(searchRequestOf(params)).toEqual(expected)
  })

  it.each([[{}], [{ q: '' }], [{ q: '   ' }], [{ q: '*** || -- ""' }], [{ q: [] as string[] }]])('%j is no search', (params) => {
    expect(searchRequestOf(params)).toBeUndefined()
  })

  it('bounds what one search costs: its length and its number of words', () => {
    const many = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ')
    expect(searchRequestOf({ q: many })?.words).toHaveLength(SEARCH_MAX_TERMS)
    const long = 'a'.repeat(SEARCH_MAX_CHARS * 5)
    expect(searchRequestOf({ q: long })?.words).toEqual(['a'.repeat(SEARCH_MAX_CHARS)])
  })

  it('gives each page of results one address', () => {
    expect(searchPath(['china', 'exports'])).toBe('/search?q=china+exports')
    expect(searchPath(['china'], 2)).toBe('/search?q=china&page=2')
    expect(searchPath(['무역', 'a&b'], 1)).toBe('/search?q=%EB%AC%B4%EC%97%AD+a%26b')
  })
})

describe('excerpt', () => {
  const paragraph = `${'Earlier text about other matters. '.repeat(12)}Then China's exports rose sharply in March. ${'Later text about more matters. '.repeat(12)}`

  it('shows a short paragraph whole', () => {
    expect(excerpt('China exports rose.', ['china'])).toBe('China exports rose.')
  })

  it('shows a window around the first match, cut at words, with ellipses where text was left out', () => {
    const shown = excerpt(paragraph, ['china'], 120)
    expect(shown).toContain("China's exports rose sharply in March.")
    expect(shown.startsWith('… ')).toBe(true)
    expect(shown.endsWith(' …')).toBe(true)
    expect(shown.length).toBeLessThanOrEqual(124)
    expect(paragraph).toContain(shown.slice(2, -2))
  })

  it('shows the start of the paragraph when no word matches', () => {
    const shown = excerpt(paragraph, ['zeppelin'], 60)
    expect(shown.startsWith('Earlier text')).toBe(true)
    expect(shown.endsWith(' …')).toBe(true)
  })
})
