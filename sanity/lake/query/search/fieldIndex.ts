import { canonicalWord, type SearchTerm } from './words'

/** New words are kept unsorted until there are this many, then merged into the sorted list. */
const UNSORTED_WORDS = 512
/**
 * Postings of up to this many documents are plain arrays: most words of an archive are in one or
 * two documents, and a typed array costs over a hundred bytes of heap before its first key.
 */
const SMALL_POSTING = 8

/** The documents holding one word: their keys ascending, with how often (for `score()`) where counted. */
type Posting = { keys: Int32Array | number[]; counts: Uint32Array | number[] | undefined; length: number }

/**
 * A word index of one text of a type's documents: for each word (canonical form, see words.ts)
 * the keys of the documents whose text holds it, with how many of the text's tokens it is where
 * `counting` (what `score()` needs; `match` needs only whether). Documents are added in key order
 * (searchableType.ts gives the keys), so postings are appended to and stay sorted.
 */
export class TextFieldIndex {
  private readonly postings = new Map<string, Posting>()
  private sortedWords: string[] = []
  private unsortedWords: string[] = []

  constructor(readonly counting: boolean) {}

  /** Adds a document's tokens under a key greater than any before it. */
  add(key: number, tokens: readonly string[]): void {
    const counts = new Map<string, number>()
    for (const token of tokens) {
      const word = canonicalWord(token)
      counts.set(word, (counts.get(word) ?? 0) + 1)
    }
    for (const [word, count] of counts) {
      let posting = this.postings.get(word)
      if (!posting) {
        posting = { keys: [], counts: this.counting ? [] : undefined, length: 0 }
        this.postings.set(word, posting)
        this.unsortedWords.push(word)
      }
      if (posting.length === posting.keys.length && posting.length >= SMALL_POSTING) grow(posting)
      posting.keys[posting.length] = key
      if (posting.counts) posting.counts[posting.length] = count
      posting.length++
    }
  }

  /**
   * For each key below `keyCount`, how many of the terms (in order, from the first) it has a token
   * for: a key whose text matches every term has `terms.length`.
   */
  termsMatched(terms: readonly SearchTerm[], keyCount: number): Int32Array {
    const matched = new Int32Array(keyCount)
    terms.forEach((term, i) => {
      this.forEachPosting(term, ({ keys, length }) => {
        for (let at = 0; at < length; at++) {
          const key = keys[at] as number
          if (matched[key] === i) matched[key] = i + 1
        }
      })
    })
    return matched
  }

  /** For each key below `keyCount`, how many tokens of the text the term matches (a counting index only). */
  frequencies(term: SearchTerm, keyCount: number): Uint32Array {
    const frequencies = new Uint32Array(keyCount)
    this.forEachPosting(term, ({ keys, counts, length }) => {
      for (let at = 0; at < length; at++) {
        const key = keys[at] as number
        frequencies[key] = (frequencies[key] as number) + ((counts as ArrayLike<number>)[at] as number)
      }
    })
    return frequencies
  }

  /** Keeps only the keys `renumbered` maps (to -1: dropped), under their new numbers, which keep the order. */
  renumber(renumbered: Int32Array): void {
    for (const [word, posting] of this.postings) {
      let kept = 0
      for (let at = 0; at < posting.length; at++) {
        const key = renumbered[posting.keys[at] as number] as number
        if (key === -1) continue
        posting.keys[kept] = key
        if (posting.counts) posting.counts[kept] = posting.counts[at] as number
        kept++
      }
      posting.length = kept
      if (kept === 0) this.postings.delete(word)
    }
    this.sortedWords = [...this.postings.keys()].sort()
    this.unsortedWords = []
  }

  /** Roughly what the index holds in memory: its arrays, and each word with its map entry. */
  approximateBytes(): number {
    let bytes = 8 * (this.sortedWords.length + this.unsortedWords.length)
    for (const [word, { keys, counts }] of this.postings) bytes += 120 + 2 * word.length + 4 * (keys.length + (counts?.length ?? 0))
    return bytes
  }

  /** Every posting of a word the term matches: the word itself, or every word it begins. */
  private forEachPosting({ word, prefix }: SearchTerm, visit: (posting: Posting) => void): void {
    if (!prefix) {
      const posting = this.postings.get(word)
      if (posting) visit(posting)
      return
    }
    const words = this.sorted()
    let low = 0
    let high = words.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((words[middle] as string) < word) low = middle + 1
      else high = middle
    }
    for (let i = low; i < words.length && (words[i] as string).startsWith(word); i++)
      visit(this.postings.get(words[i] as string) as Posting)
    for (const other of this.unsortedWords) if (other.startsWith(word)) visit(this.postings.get(other) as Posting)
  }

  private sorted(): string[] {
    if (this.unsortedWords.length > UNSORTED_WORDS) {
      this.sortedWords = [...this.sortedWords, ...this.unsortedWords].sort()
      this.unsortedWords = []
    }
    return this.sortedWords
  }
}

function grow(posting: Posting): void {
  const keys = new Int32Array(posting.keys.length * 2)
  keys.set(posting.keys)
  posting.keys = keys
  if (posting.counts) {
    const counts = new Uint32Array(posting.counts.length * 2)
    counts.set(posting.counts)
    posting.counts = counts
  }
}
