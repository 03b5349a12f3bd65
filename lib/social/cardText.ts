/** The most characters of a headline the card shows: what five lines at its smaller size hold, even in capitals. */
export const CARD_HEADLINE_MAX_CHARACTERS = 120
/** A section name is one line in capitals. */
export const CARD_SECTION_MAX_CHARACTERS = 40

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })
const words = new Intl.Segmenter('en', { granularity: 'word' })
// Emoji would be fetched as pictures from the internet; the card draws only what its own font has.
const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f|\u20e3/gu

/**
 * Text as the card draws it: emoji and characters its fonts cannot draw (`canDraw`) dropped, white
 * space collapsed, and cut to `maxCharacters`
 * (characters as a reader counts them, so no emoji or accent is split) at the last word that
 * fits, with an ellipsis. Laying out a headline of thousands of characters would hold the
 * server for seconds, and the card has room for a few lines.
 */
export function cardText(text: unknown, maxCharacters: number, canDraw: (codePoint: number) => boolean = () => true): string {
  if (typeof text !== 'string') return ''
  const drawable = Array.from(text.replace(EMOJI, ''), (c) => (canDraw(c.codePointAt(0) ?? 0) ? c : ' ')).join('')
  const clean = drawable.replace(/\s+/g, ' ').trim()
  const bounded = clean.slice(0, maxCharacters * 8)
  const characters = Array.from(graphemes.segment(bounded), (s) => s.segment)
  if (characters.length <= maxCharacters) return clean
  const room = characters.slice(0, maxCharacters - 1).join('').length
  // Whole words up to the room left for the ellipsis; one word longer than that is cut inside.
  let end = 0
  for (const { index, segment } of words.segment(bounded)) {
    if (index + segment.length > room) break
    end = index + segment.length
  }
  const kept = bounded.slice(0, end > 0 ? end : room).replace(/[\s\p{P}]+$/u, '')
  return `${kept}…`
}
