import type { LakeDocument } from '../../storage/store'
import { canonicalWord, type SearchTerm, stringsOf, tokensOf } from './words'

/** Below this many dead entries the index is not compacted: a few edits cost nothing to keep. */
const COMPACT_AFTER = 4_096
/** New words are kept unsorted until there are this many, then merged into the sorted list. */
const UNSORTED_WORDS = 512

/** The documents holding one word: their keys ascending, with how often (for `score()`) where counted. */
type Posting = { keys: Int32Array; counts: Uint32Array | undefined; length: number }

/**
 * A word index of one text of one document type: for each word (canonical form, see words.ts)
 * the documents whose text holds it, with how many of the text's tokens it is where `counting`
 * (what `score()` needs; `match` needs only whether). The text is what a GROQ expression gives
 * for the document (`headline`, or all of a story's strings), worked out once per version of the document.
 *
 * Each document has a numeric key, given anew whenever it changes: postings are only ever
 * appended to, so they stay in key order, and the old key's entries are dead until a compaction
 * drops them.
 */
export class TextFieldIndex {
  private readonly keyOf = new Map<string, number>()
  /** Key → stored id, undefined once the key is dead. */
  private ids: (string | undefined)[] = []
  /** A document's own numeric `_score`, which `score()` adds to. */
  private readonly ownScores = new Map<string, number>()
  private readonly postings = new Map<string, Posting>()
  private sortedWords: string[] = []
  private unsortedWords: string[] = []
  private dead = 0

  constructor(
    readonly type: string,
    private readonly textOf: (doc: LakeDocument) => unknown,
    readonly counting: boolean,
  ) {}

  get keyCount(): number {
    return this.ids.length
  }

  idOf(key: number): string | undefined {
    return this.ids[key]
  }

  keyOfId(id: string): number | undefined {
    return this.keyOf.get(id)
  }

  ownScore(id: string): number | undefined {
    return this.ownScores.get(id)
  }

  /** Brings the index to a stored document's new state (`undefined`: deleted), whatever its type. */
  update(id: string, after: LakeDocument | undefined): void {
    const ownScore = after?._type === this.type ? after._score : undefined
    if (typeof ownScore === 'number') this.ownScores.set(id, ownScore)
    else this.ownScores.delete(id)
    const key = this.keyOf.get(id)
    if (key !== undefined) {
      this.ids[key] = undefined
      this.keyOf.delete(id)
      this.dead++
    }
    if (after?._type === this.type) this.add(id, stringsOf(this.textOf(after)).flatMap(tokensOf))
    if (this.dead > COMPACT_AFTER && this.dead > this.keyOf.size) this.compact()
  }

  /** Keys of the documents whose text holds, for every term, a token it matches (ascending); none without terms. */
  keysMatchingAll(terms: readonly SearchTerm[]): number[] {
    if (terms.length === 0) return []
    const matched = new Int32Array(this.ids.length).fill(-1)
    terms.forEach((term, i) => {
      this.forEachPosting(term, (posting) => {
        const { keys, length } = posting
        for (let at = 0; at < length; at++) {
          const key = keys[at] as number
          if (matched[key] === i - 1) matched[key] = i
        }
      })
    })
    const keys: number[] = []
    const last = terms.length - 1
    for (let key = 0; key < matched.length; key++) if (matched[key] === last && this.ids[key] !== undefined) keys.push(key)
    return keys
  }

  /** For each key, how many tokens of the text the term matches (a counting index only). */
  frequencies(term: SearchTerm): Uint32Array {
    const frequencies = new Uint32Array(this.ids.length)
    this.forEachPosting(term, ({ keys, counts, length }) => {
      for (let at = 0; at < length; at++) {
        const key = keys[at] as number
        frequencies[key] = (frequencies[key] as number) + ((counts as Uint32Array)[at] as number)
      }
    })
    return frequencies
  }

  /** Roughly what the index holds in memory: its arrays and words, and a key's entries in the maps. */
  approximateBytes(): number {
    let bytes = this.ids.length * 16 + this.keyOf.size * 80 + this.ownScores.size * 80
    for (const [word, { keys, counts }] of this.postings) bytes += 120 + 2 * word.length + keys.byteLength + (counts?.byteLength ?? 0)
    return bytes + 8 * (this.sortedWords.length + this.unsortedWords.length)
  }

  private add(id: string, tokens: string[]): void {
    const key = this.ids.length
    this.ids.push(id)
    this.keyOf.set(id, key)
    const counts = new Map<string, number>()
    for (const token of tokens) {
      const word = canonicalWord(token)
      counts.set(word, (counts.get(word) ?? 0) + 1)
    }
    for (const [word, count] of counts) {
      let posting = this.postings.get(word)
      if (!posting) {
        posting = { keys: new Int32Array(2), counts: this.counting ? new Uint32Array(2) : undefined, length: 0 }
        this.postings.set(word, posting)
        this.unsortedWords.push(word)
      }
      if (posting.length === posting.keys.length) grow(posting)
      posting.keys[posting.length] = key
      if (posting.counts) posting.counts[posting.length] = count
      posting.length++
    }
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

  /** Drops dead keys' entries and numbers the live keys afresh, in the same order. */
  private compact(): void {
    const renumbered = new Int32Array(this.ids.length).fill(-1)
    const ids: string[] = []
    this.ids.forEach((id, key) => {
      if (id === undefined) return
      renumbered[key] = ids.length
      this.keyOf.set(id, ids.length)
      ids.push(id)
    })
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
    this.ids = ids
    this.dead = 0
    this.sortedWords = [...this.postings.keys()].sort()
    this.unsortedWords = []
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
