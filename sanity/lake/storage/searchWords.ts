import { termsOfPattern } from './textIndex'

/**
 * Words as groq-js's `match` and `score()` read them, for the search index to answer them exactly.
 *
 * groq-js splits text into tokens and a pattern into terms (as storage/textIndex.ts splits them),
 * and tests each token against each term as `RegExp("^" + term + "$", "i")`, a `*` in the term
 * standing for any run of characters. Without the `u` flag such a RegExp compares one UTF-16 code
 * unit with another by the ECMAScript `Canonicalize` operation: the unit's upper case where that
 * is one unit, except that nothing outside ASCII becomes ASCII. So a term without `.` (any
 * character to the RegExp) and with `*` only at its end matches exactly the tokens whose canonical
 * form equals (or, with `*`, starts with) the term's: the index keeps each token in that form.
 */
const ASCII = /^\p{ASCII}*$/u
/** A lone surrogate, or U+FFFD, which the postings store a lone surrogate as (searchPostings.ts). */
const UNSTORABLE = /[\p{Cs}\uFFFD]/u

/** A term of a pattern: a whole word, or (`word*`) every word beginning with it; `word` in canonical form. */
export type SearchTerm = { word: string; prefix: boolean }

/**
 * The strings `match` and `score()` read from a value: a string, or the strings of an array (its
 * other items are passed over); anything else holds none.
 */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string')
  return []
}

let canonicalUnits: Uint16Array | undefined

/** Each UTF-16 code unit's `Canonicalize` under a case-insensitive RegExp without the `u` flag. */
function unitsTable(): Uint16Array {
  if (canonicalUnits) return canonicalUnits
  const table = new Uint16Array(0x10000)
  for (let unit = 0; unit < 0x10000; unit++) {
    const upper = String.fromCharCode(unit).toUpperCase()
    const canonical = upper.length === 1 ? upper.charCodeAt(0) : unit
    table[unit] = unit >= 128 && canonical < 128 ? unit : canonical
  }
  canonicalUnits = table
  return table
}

/** A token or term in the form under which the RegExp compares it. */
export function canonicalWord(word: string): string {
  if (ASCII.test(word)) return word.toUpperCase()
  const table = unitsTable()
  let canonical = ''
  for (let i = 0; i < word.length; i++) canonical += String.fromCharCode(table[word.charCodeAt(i)] as number)
  return canonical
}

/**
 * The terms of a pattern (a string, or the strings of an array) as the index looks them up, in
 * order and with repeats (`score()` counts each), or `undefined` where one is a term the index
 * cannot answer exactly (a `.` in it, a `*` before its end, a lone surrogate or U+FFFD), or the pattern is not text.
 */
export function searchTermsOf(pattern: unknown): SearchTerm[] | undefined {
  if (typeof pattern !== 'string' && !(Array.isArray(pattern) && pattern.every((part) => typeof part === 'string'))) return undefined
  const terms: SearchTerm[] = []
  for (const text of stringsOf(pattern)) {
    for (const term of termsOfPattern(text)) {
      const stem = term.replace(/\*+$/, '')
      if (stem === '' || stem.includes('*') || stem.includes('.') || UNSTORABLE.test(stem)) return undefined
      terms.push({ word: canonicalWord(stem), prefix: stem.length < term.length })
    }
  }
  return terms
}
