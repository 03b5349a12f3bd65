import { describe, expect, it } from 'vitest'
import { truncateText } from '@/lib/content/truncateText'

describe('truncateText', () => {
  it.each([
    ['text within the limit is kept', 'Imports spike', 20, 'Imports spike'],
    ['text at the limit is kept', 'Imports spike', 13, 'Imports spike'],
    ['cut at the last word that fits', 'Imports from China spike in March', 20, 'Imports from China…'],
    ['a word ending exactly at the cut is kept', 'one two three four', 9, 'one two…'],
    ['punctuation before the cut is dropped', 'Imports rose, sharply, in March', 16, 'Imports rose…'],
    ['one long word is cut inside it', 'Supercalifragilisticexpialidocious', 10, 'Supercali…'],
    ['an emoji is never split', `${'a'.repeat(8)}📈📈`, 10, `${'a'.repeat(8)}…`],
    ['non-Latin text is cut at a space', 'تجارة كوريا الشمالية مع الصين', 14, 'تجارة كوريا…'],
  ])('%s', (_case, text, max, expected) => {
    const cut = truncateText(text, max)
    expect(cut).toBe(expected)
    expect(cut.length).toBeLessThanOrEqual(max)
  })
})
