/**
 * Whether a code point lies in any of the `U+0100-02BA,U+20AC`-style ranges given (a font's
 * unicode-range, as @fontsource lists its subsets in unicode.json). White space always does.
 */
export function coveredBy(unicodeRanges: readonly string[]): (codePoint: number) => boolean {
  const ranges = unicodeRanges.flatMap((list) =>
    list.split(',').map((range) => {
      const [first = '', last = first] = range.trim().replace(/^U\+/i, '').split('-')
      return [Number.parseInt(first, 16), Number.parseInt(last, 16)] as const
    }),
  )
  return (codePoint) =>
    /\s/.test(String.fromCodePoint(codePoint)) || ranges.some(([first, last]) => codePoint >= first && codePoint <= last)
}
