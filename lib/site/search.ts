/** What a reader may type: longer is cut, so one search costs a bounded query. */
export const SEARCH_MAX_CHARS = 200
/** Words searched for at most: each is one more pass over the candidates' text. */
export const SEARCH_MAX_TERMS = 8
/** Beyond this a page number is refused: nobody reads 400 pages of results. */
const LAST_SEARCH_PAGE = 400
/** How much of a matching paragraph a result shows. */
const EXCERPT_CHARS = 240

/** A word as search and highlighting see it: letters and digits in any script. */
const WORD = /[\p{L}\p{N}]+/gu

/** A search as the query runs it: the reader's words, normalised, and the page of results. */
export type SearchRequest = {
  /** The words, lower case, each once, in the order typed. */
  words: string[]
  /** The GROQ `match` pattern: every word, each as a prefix (`export*` finds "exports"). */
  terms: string
  page: number
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)

/**
 * The search a page's query string asks for, or `undefined` when it names no word. Punctuation and
 * markup are not searched (they separate words), so `<b>trade</b>` searches "b" and "trade". A
 * page number written any other way than plain digits, or past the last page, is page 1.
 */
export function searchRequestOf(params: { q?: string | string[]; page?: string | string[] }): SearchRequest | undefined {
  const words = [...new Set((first(params.q) ?? '').normalize('NFKC').slice(0, SEARCH_MAX_CHARS).toLowerCase().match(WORD) ?? [])].slice(
    0,
    SEARCH_MAX_TERMS,
  )
  if (words.length === 0) return undefined
  const pageText = first(params.page) ?? ''
  const page = /^[1-9]\d{0,2}$/.test(pageText) && Number(pageText) <= LAST_SEARCH_PAGE ? Number(pageText) : 1
  return { words, terms: words.map((word) => `${word}*`).join(' '), page }
}

export type Highlighted = { text: string; match: boolean }[]

/**
 * Text split into runs, each marked whether it is a word beginning with one of `words` (the way
 * the query's prefixes match it), for a page to wrap the matches in `<mark>`. The text is never
 * parsed as markup: a run is plain text, whatever characters it holds.
 */
export function highlight(text: string, words: string[]): Highlighted {
  const runs: Highlighted = []
  const push = (part: string, match: boolean) => {
    if (!part) return
    const last = runs.at(-1)
    if (last && last.match === match && !match) last.text += part
    else runs.push({ text: part, match })
  }
  let at = 0
  for (const found of text.matchAll(WORD)) {
    const word = found[0]
    const lower = word.normalize('NFKC').toLowerCase()
    if (!words.some((w) => lower.startsWith(w))) continue
    push(text.slice(at, found.index), false)
    push(word, true)
    at = found.index + word.length
  }
  push(text.slice(at), false)
  return runs
}

/**
 * A window of a paragraph around its first matching word, cut at words, with an ellipsis where
 * text was left out; the paragraph's start when no word matches.
 */
export function excerpt(text: string, words: string[], max = EXCERPT_CHARS): string {
  if (text.length <= max) return text
  const first = [...text.matchAll(WORD)].find((m) => words.some((w) => m[0].toLowerCase().startsWith(w)))
  const start = Math.max(0, Math.min((first?.index ?? 0) - Math.floor(max / 3), text.length - max))
  const from = start === 0 ? 0 : text.indexOf(' ', start) + 1 || start
  const end = from + max >= text.length ? text.length : text.lastIndexOf(' ', from + max)
  const to = end > from ? end : from + max
  return `${from > 0 ? '… ' : ''}${text.slice(from, to).trim()}${to < text.length ? ' …' : ''}`
}
