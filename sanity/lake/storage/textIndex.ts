import type { DatabaseSync, StatementSync } from 'node:sqlite'

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

/** The terms of a pattern as `match` reads them (each cut to the 1024 characters groq-js compares), `*` kept. */
export const termsOfPattern = (pattern: string): string[] =>
  (pattern.replace(EDGE_DOTS, '').match(PATTERN_CHARS) ?? []).map((term) => term.slice(0, 1024))

/**
 * The terms of a `match` pattern the index can narrow by, or `undefined` when none can: then every
 * document of the query's other conjuncts is a candidate. A document matches only if each term of
 * the pattern matches one of its words, so each indexable term narrows the candidates.
 */
export function indexableTerms(pattern: string): TextTerm[] | undefined {
  const terms = termsOfPattern(pattern).flatMap((term) => {
    const parts = INDEXABLE_TERM.exec(term)
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

/** The first string after every string starting with `prefix` (ASCII letters and digits, as indexable terms are). */
const afterPrefix = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)

/**
 * The index as a table in the lake's database, (word, document key) in word order: a newsroom's
 * archive has millions of such pairs, too many to hold in memory or to rebuild at every start.
 * A key is whatever the caller names documents by (the store uses their dataset position).
 */
export class TextIndex<Key extends string | number> {
  private readonly insert: StatementSync
  private readonly remove: StatementSync
  private readonly whole: StatementSync
  private readonly prefixed: StatementSync

  constructor(database: DatabaseSync) {
    // No type on `key`: SQLite keeps each key as given, number or text.
    database.exec('CREATE TABLE IF NOT EXISTS words (word TEXT NOT NULL, key NOT NULL, PRIMARY KEY (word, key)) WITHOUT ROWID')
    this.insert = database.prepare('INSERT OR IGNORE INTO words (word, key) VALUES (?, ?)')
    this.remove = database.prepare('DELETE FROM words WHERE word = ? AND key = ?')
    this.whole = database.prepare('SELECT key FROM words WHERE word = ?')
    this.prefixed = database.prepare('SELECT key FROM words WHERE word >= ? AND word < ?')
    for (const statement of [this.whole, this.prefixed]) statement.setReturnArrays(true)
  }

  /** Brings the index from a document's `before` to its `after` (either absent); inside the caller's database transaction. */
  update(key: Key, before: unknown, after: unknown): void {
    const wordsBefore = before ? wordsOfValue(before, new Set()) : EMPTY
    const wordsAfter = after ? wordsOfValue(after, new Set()) : EMPTY
    for (const word of wordsBefore) if (!wordsAfter.has(word)) this.remove.run(word, key)
    for (const word of wordsAfter) if (!wordsBefore.has(word)) this.insert.run(word, key)
  }

  /** The keys of the documents holding a word each term matches, for every term: the candidates of a `match`. */
  keysMatching(terms: readonly TextTerm[]): ReadonlySet<Key> {
    const sets = terms.map((term) => this.keysMatchingTerm(term)).sort((a, b) => a.size - b.size)
    const [smallest, ...rest] = sets
    if (!smallest) return new Set()
    if (rest.length === 0) return smallest
    const keys = new Set<Key>()
    for (const key of smallest) if (rest.every((set) => set.has(key))) keys.add(key)
    return keys
  }

  private keysMatchingTerm({ word, prefix }: TextTerm): Set<Key> {
    const rows = (prefix ? this.prefixed.iterate(word, afterPrefix(word)) : this.whole.iterate(word)) as Iterable<[Key]>
    const keys = new Set<Key>()
    for (const [key] of rows) keys.add(key)
    return keys
  }
}
