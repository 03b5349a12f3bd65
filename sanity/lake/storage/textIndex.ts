/**
 * The lake's word index, for `match`: each word any string of a document holds, lower case, with
 * the ids of the documents holding it. A query's `text match "words"` is looked up here to find the
 * documents that can match (sanity/lake/query/); groq-js still tests each of them, so the index
 * need only never leave out a document that matches: it may hold more.
 *
 * Words are split as groq-js's `match` splits them (its tokenizer, copied below as the expressions
 * it uses), so a word `match` sees in a string is a word here.
 */
const EDGE_DOTS = /(\b\.+|\.+\b)/g
const WORD_CHARS = /([^!@#$%^&*(),\\/?";:{}|[\]+<>\s-])+/g
const PATTERN_CHARS = /([^!@#$%^&(),\\/?";:{}|[\]+<>\s-])+/g
/**
 * A pattern term the index can look up: ASCII letters and digits, whole or with one `*` after.
 * groq-js compares such a term with a word by a case-insensitive RegExp without the `u` flag, under
 * which no character outside ASCII equals one inside: the words it matches are exactly those whose
 * lower case is the term (or starts with it). Any other term narrows nothing and is left to groq-js.
 */
const INDEXABLE_TERM = /^([a-z0-9]+)(\*?)$/i

const EMPTY: ReadonlySet<string> = new Set()

/** A word to look up: whole, or every word beginning with it. */
export type TextTerm = { word: string; prefix: boolean }

/** The words of a text as `match` reads them. */
export const wordsOfText = (text: string): string[] => text.replace(EDGE_DOTS, '').match(WORD_CHARS) ?? []

/**
 * The terms of a `match` pattern the index can narrow by, or `undefined` when none can: then every
 * document of the query's other conjuncts is a candidate. A document matches only if each term of
 * the pattern matches one of its words, so each indexable term narrows the candidates.
 */
export function indexableTerms(pattern: string): TextTerm[] | undefined {
  const terms = (pattern.replace(EDGE_DOTS, '').match(PATTERN_CHARS) ?? []).flatMap((term) => {
    const parts = INDEXABLE_TERM.exec(term.slice(0, 1024))
    return parts ? [{ word: (parts[1] as string).toLowerCase(), prefix: parts[2] === '*' }] : []
  })
  return terms.length > 0 ? terms : undefined
}

/** Every word of every string in a value, however deep, lower case. */
function wordsOfValue(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === 'string') for (const word of wordsOfText(value)) into.add(word.toLowerCase())
  else if (Array.isArray(value)) for (const item of value) wordsOfValue(item, into)
  else if (value && typeof value === 'object') for (const item of Object.values(value)) wordsOfValue(item, into)
  return into
}

export class TextIndex {
  private readonly byWord = new Map<string, Set<string>>()
  /** The words in order, for prefixes; rebuilt on the first prefix look-up after a word came or went. */
  private sorted: string[] | undefined

  /** Brings the index from a document's `before` to its `after` (either absent). */
  update(id: string, before: unknown, after: unknown): void {
    const wordsBefore = before ? wordsOfValue(before, new Set()) : EMPTY
    const wordsAfter = after ? wordsOfValue(after, new Set()) : EMPTY
    for (const word of wordsBefore) {
      if (wordsAfter.has(word)) continue
      const ids = this.byWord.get(word)
      ids?.delete(id)
      if (ids?.size === 0) {
        this.byWord.delete(word)
        this.sorted = undefined
      }
    }
    for (const word of wordsAfter) {
      if (wordsBefore.has(word)) continue
      let ids = this.byWord.get(word)
      if (!ids) {
        ids = new Set()
        this.byWord.set(word, ids)
        this.sorted = undefined
      }
      ids.add(id)
    }
  }

  /** The ids of the documents holding a word each term matches, for every term: the candidates of a `match`. */
  idsMatching(terms: readonly TextTerm[]): ReadonlySet<string> {
    const sets = terms.map((term) => this.idsMatchingTerm(term)).sort((a, b) => a.size - b.size)
    const [smallest, ...rest] = sets
    if (!smallest) return EMPTY
    if (rest.length === 0) return smallest
    const ids = new Set<string>()
    for (const id of smallest) if (rest.every((set) => set.has(id))) ids.add(id)
    return ids
  }

  private idsMatchingTerm({ word, prefix }: TextTerm): ReadonlySet<string> {
    if (!prefix) return this.byWord.get(word) ?? EMPTY
    this.sorted ??= [...this.byWord.keys()].sort()
    const words = this.sorted
    let low = 0
    let high = words.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((words[middle] as string) < word) low = middle + 1
      else high = middle
    }
    const ids = new Set<string>()
    for (let i = low; i < words.length && (words[i] as string).startsWith(word); i++) {
      for (const id of this.byWord.get(words[i] as string) ?? EMPTY) ids.add(id)
    }
    return ids
  }
}
