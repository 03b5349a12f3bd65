import { evaluate, parse } from 'groq-js'
import { describe, expect, it } from 'vitest'
import { canonicalWord, searchTermsOf } from '../../sanity/lake/storage/searchWords'

/** Whether groq-js's `match` finds the term in the text: what the search index must agree with. */
async function groqMatches(text: string, term: string): Promise<boolean> {
  return (await (await evaluate(parse('$text match $term'), { params: { text, term } })).get()) === true
}

describe('canonicalWord: a token and a term are the same word exactly where groq-js matches them', () => {
  it.each([
    ['Exports', 'EXPORTS', true],
    ['exports', 'export', false],
    ['Éclair', 'éCLAIR', true],
    ['Straße', 'STRASSE', false],
    ['Straße', 'STRAßE', true],
    // Final and medial sigma share their upper case.
    ['λόγος', 'ΛΌΓΟΣ', true],
    ['λόγοσ', 'λόγος', true],
    // Dotted capital İ and dotless ı have upper cases outside ASCII or none of one unit: no ASCII i matches them.
    ['İstanbul', 'istanbul', false],
    ['ıstanbul', 'Istanbul', false],
    ['ıstanbul', 'ISTANBUL', false],
    // The Kelvin sign and the long s are not ASCII K and s to a RegExp without the `u` flag.
    ['\u212Aelvin', 'kelvin', false],
    ['ſhip', 'ship', false],
    ['ǅ', 'ǆ', true],
    ['日本の輸出', '日本の輸出', true],
    ['😀', '😀', true],
  ])('%s and %s: %s', async (token, term, same) => {
    expect(await groqMatches(token, term)).toBe(same)
    expect(canonicalWord(token) === canonicalWord(term)).toBe(same)
  })

  it('maps every UTF-16 code unit to one a case-insensitive RegExp takes for it', () => {
    const mismatched: string[] = []
    for (let unit = 0; unit < 0x10000; unit++) {
      const char = String.fromCharCode(unit)
      const escaped = `\\u${unit.toString(16).padStart(4, '0')}`
      if (!new RegExp(`^${escaped}$`, 'i').test(canonicalWord(char))) mismatched.push(escaped)
    }
    expect(mismatched).toEqual([])
  })
})

describe('searchTermsOf', () => {
  it.each([
    ['ship*', [{ word: 'SHIP', prefix: true }]],
    [
      'ship** Coal',
      [
        { word: 'SHIP', prefix: true },
        { word: 'COAL', prefix: false },
      ],
    ],
    [
      'ship ship',
      [
        { word: 'SHIP', prefix: false },
        { word: 'SHIP', prefix: false },
      ],
    ],
    // groq-js drops dots next to a word boundary, in patterns as in text: "u.s" is "us".
    ['u.s*', [{ word: 'US', prefix: true }]],
    ['торговля*', [{ word: 'ТОРГОВЛЯ', prefix: true }]],
    [
      ['ship*', 'coal'],
      [
        { word: 'SHIP', prefix: true },
        { word: 'COAL', prefix: false },
      ],
    ],
    ['', []],
    ['!!!', []],
    // Terms the index cannot answer exactly: a wildcard inside, or alone, a dot between non-letters, a pattern not text.
    ['ex*rts', undefined],
    ['ship *', undefined],
    ['é.é', undefined],
    [['ship', 1], undefined],
    [null, undefined],
  ])('%j', (pattern, terms) => {
    expect(searchTermsOf(pattern)).toEqual(terms)
  })
})
