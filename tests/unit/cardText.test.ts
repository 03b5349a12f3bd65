import { describe, expect, it } from 'vitest'
import { cardText } from '@/lib/social/cardText'
import { coveredBy } from '@/lib/social/fontCoverage'

describe('text on the social card', () => {
  it.each([
    ['a short headline', 'NK imports from China spike in March', 40, 'NK imports from China spike in March'],
    ['a headline of exactly the limit', 'abcde', 5, 'abcde'],
    ['white space', '  NK imports\n\tspike  ', 40, 'NK imports spike'],
    ['a long headline, cut at a word', 'North Korea imports from China spike in March', 20, 'North Korea imports…'],
    ['punctuation before the cut', 'Imports spike, again, in March', 16, 'Imports spike…'],
    ['one long word', 'a'.repeat(50), 10, `${'a'.repeat(9)}…`],
    ['emoji', 'Imports 🚢 spike 📈🇰🇵 👩🏽‍💻', 40, 'Imports spike'],
    ['accents, which are kept whole', 'Pyŏngyang café trade', 40, 'Pyŏngyang café trade'],
    ['a cut counted in characters, not code units', 'é'.normalize('NFD').repeat(30), 10, `${'é'.normalize('NFD').repeat(9)}…`],
    ['Korean', '북한 수입 급증 북한 수입 급증', 9, '북한 수입 급증…'],
    ['a headline of 5,000 characters', 'Trade '.repeat(1000), 120, `${'Trade '.repeat(20).trim()}…`],
    ['not text', 42, 40, ''],
    ['nothing', null, 40, ''],
  ])('%s', (_name, text, max, expected) => {
    expect(cardText(text, max)).toBe(expected)
  })
})

describe('the characters the card can draw', () => {
  const latin = coveredBy(['U+0000-00FF,U+0131', 'U+0100-02BA'])

  it.each([
    ['A', true],
    ['é', true],
    ['ŏ', true],
    ['ı', true],
    ['Ω', false],
    ['북', false],
    ['\u3000', true],
  ])('%s: %s', (character, expected) => {
    expect(latin(character.codePointAt(0) ?? 0)).toBe(expected)
  })

  it('drops what the fonts cannot draw instead of drawing empty boxes', () => {
    expect(cardText('NK imports 북한 spike in Pyŏngyang', 40, latin)).toBe('NK imports spike in Pyŏngyang')
  })
})
