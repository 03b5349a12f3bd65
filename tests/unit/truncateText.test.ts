import { vercelStegaCombine, vercelStegaSplit } from '@vercel/stega'
import { describe, expect, it } from 'vitest'
import { truncateText, visibleLength } from '@/lib/content/truncateText'

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

  // A draft preview's click-to-edit marker: invisible, about a thousand characters after a short headline.
  const marked = (text: string) =>
    vercelStegaCombine(text, {
      origin: 'sanity.io',
      href: `http://127.0.0.1:3333/intent/edit/id=article.a;path=headline${'x'.repeat(200)}`,
    })

  it.each([
    ['a short text keeps its marker whole', 'Imports spike', 20, 'Imports spike'],
    ['a long text is cut by what readers see, and keeps its marker', 'Imports from China spike in March', 20, 'Imports from China…'],
  ])('%s', (_case, text, max, expected) => {
    const cut = truncateText(marked(text), max)
    expect(vercelStegaSplit(cut)).toEqual({ cleaned: expected, encoded: vercelStegaSplit(marked(text)).encoded })
    expect(visibleLength(cut)).toBeLessThanOrEqual(max)
  })
})
