import { vercelStegaSplit } from '@vercel/stega'

const ELLIPSIS = '…'

/**
 * Characters a reader sees. A draft preview's click-to-edit markers (stega: invisible characters,
 * often a thousand or more after a short headline) count for none, so a limit never cuts them
 * off, nor the text they ride on.
 */
export const visibleLength = (text: string): number => vercelStegaSplit(text).cleaned.length

/**
 * Text cut to at most `max` visible characters at the last word boundary, with an ellipsis, so a
 * description or a bounded field never ends mid-word. Text within the limit is returned as it is;
 * cut text keeps its click-to-edit marker at its end.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  const { cleaned, encoded } = vercelStegaSplit(text)
  if (cleaned.length <= max) return text
  // Code points, not UTF-16 units, so a cut never splits an emoji or a surrogate pair.
  const head = Array.from(cleaned.slice(0, max)).slice(0, -1).join('')
  // The head ends on a word boundary when the next character is a space.
  const lastSpace = /\s/u.test(cleaned.charAt(head.length)) ? head.length : head.search(/\s\S*$/u)
  // A boundary in the last third only: one very long word is cut rather than emptied.
  const cut = lastSpace > max * 0.66 ? head.slice(0, lastSpace) : head
  return `${cut.replace(/[\s.,;:!?–—-]+$/u, '')}${ELLIPSIS}${encoded}`
}
