const ELLIPSIS = '…'

/**
 * Text cut to at most `max` characters at the last word boundary, with an ellipsis, so a
 * description or a bounded field never ends mid-word. Text within the limit is returned as it is.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  // Code points, not UTF-16 units, so a cut never splits an emoji or a surrogate pair.
  const head = Array.from(text.slice(0, max)).slice(0, -1).join('')
  // The head ends on a word boundary when the next character is a space.
  const lastSpace = /\s/u.test(text.charAt(head.length)) ? head.length : head.search(/\s\S*$/u)
  // A boundary in the last third only: one very long word is cut rather than emptied.
  const cut = lastSpace > max * 0.66 ? head.slice(0, lastSpace) : head
  return `${cut.replace(/[\s.,;:!?–—-]+$/u, '')}${ELLIPSIS}`
}
