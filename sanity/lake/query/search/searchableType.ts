import { type ExprNode, evaluateSync } from 'groq-js'
import { compareOrder, type DocumentStore, type LakeDocument, type OrderEntry } from '../../storage/store'
import { wordsOfText } from '../../storage/textIndex'
import type { AstNode } from '../ast'
import type { OrderedDocuments } from '../source'
import { TextFieldIndex } from './fieldIndex'
import { stringsOf } from './words'

/** Text indexes kept per type at most: each is built for a text a query searched, the least recently used dropped. */
const MAX_TEXT_INDEXES = 12
/** Below this many dead keys the indexes are not compacted: a few edits cost nothing to keep. */
const COMPACT_AFTER = 4_096

const storeTypes = new WeakMap<DocumentStore, Map<string, SearchableType>>()

/**
 * The stored documents of one type as searches read them: a numeric key for each (given anew
 * whenever the document changes, so that indexes are only appended to; the old key is dead until
 * a compaction numbers the live ones afresh), with what a search needs per key in arrays, and the
 * word indexes of the texts searches asked for, built on first use and kept up to date with every
 * commit after (search/fieldIndex.ts).
 */
export class SearchableType {
  private readonly keyOf = new Map<string, number>()
  /** Key → stored id, undefined once the key is dead. */
  private ids: (string | undefined)[] = []
  /** Key → the document's place in the stored dataset. */
  private positions: number[] = []
  /** Key → the document's own numeric `_score` (which `score()` adds to), where it has one. */
  private ownScores = new Map<number, number>()
  /** By the text's tree as JSON; null where groq-js failed to work out the text for a document. */
  private readonly texts = new Map<string, { text: AstNode; index: TextFieldIndex | null }>()
  private readonly ranks = new WeakMap<readonly unknown[], { changes: number; ranks: Int32Array }>()
  private dead = 0
  private changes = 0

  private constructor(
    readonly type: string,
    private readonly store: DocumentStore,
  ) {}

  /** The store's searchable documents of a type, followed from the store's commits from now on. */
  static of(store: DocumentStore, type: string): SearchableType {
    let types = storeTypes.get(store)
    if (!types) {
      const created = new Map<string, SearchableType>()
      store.watchChanges((id, after) => {
        for (const searchable of created.values()) searchable.update(id, after)
      })
      storeTypes.set(store, created)
      types = created
    }
    let searchable = types.get(type)
    if (!searchable) {
      searchable = new SearchableType(type, store)
      for (const id of store.idsOfType(type)) searchable.update(id, store.get(id))
      types.set(type, searchable)
    }
    return searchable
  }

  /** What the text indexes of a store hold in memory, roughly, with their keys (for the search bench). */
  static approximateBytes(store: DocumentStore): number {
    let bytes = 0
    for (const searchable of storeTypes.get(store)?.values() ?? []) {
      bytes += searchable.ids.length * 24 + searchable.keyOf.size * 80
      for (const { index } of searchable.texts.values()) bytes += index?.approximateBytes() ?? 0
    }
    return bytes
  }

  get keyCount(): number {
    return this.ids.length
  }

  idOf(key: number): string | undefined {
    return this.ids[key]
  }

  positionOf(key: number): number {
    return this.positions[key] as number
  }

  ownScore(key: number): number | undefined {
    return this.ownScores.get(key)
  }

  /** The word index of a text (a GROQ expression of the document alone), or undefined where groq-js cannot work it out. */
  textIndex(text: AstNode, counting: boolean): TextFieldIndex | undefined {
    const name = `${counting ? 'counted' : 'present'} ${JSON.stringify(text)}`
    let entry = this.texts.get(name)
    if (entry) this.texts.delete(name)
    else {
      entry = { text, index: new TextFieldIndex(counting) }
      this.ids.forEach((id, key) => {
        if (id !== undefined) this.addText(entry as NonNullable<typeof entry>, key, this.store.get(id))
      })
      if (this.texts.size >= MAX_TEXT_INDEXES) this.texts.delete(this.texts.keys().next().value as string)
    }
    this.texts.set(name, entry)
    return entry.index ?? undefined
  }

  /**
   * Key → the document's place in an ordered index of the type (tied documents sharing one), for
   * the keys of documents it holds; worked out again once a commit has changed the type.
   */
  ranksIn({ entries }: OrderedDocuments): Int32Array {
    const cached = this.ranks.get(entries)
    if (cached?.changes === this.changes && cached.ranks.length === this.ids.length) return cached.ranks
    const ranks = new Int32Array(this.ids.length)
    let rank = 0
    entries.forEach((entry, i) => {
      if (i > 0 && compareOrder(entries[i - 1] as OrderEntry, entry) !== 0) rank++
      const key = this.keyOf.get(entry.id)
      if (key !== undefined) ranks[key] = rank
    })
    this.ranks.set(entries, { changes: this.changes, ranks })
    return ranks
  }

  private update(id: string, after: LakeDocument | undefined): void {
    const old = this.keyOf.get(id)
    if (old === undefined && after?._type !== this.type) return
    this.changes++
    if (old !== undefined) {
      this.ids[old] = undefined
      this.ownScores.delete(old)
      this.keyOf.delete(id)
      this.dead++
    }
    if (after?._type === this.type) {
      const key = this.ids.length
      this.ids.push(id)
      this.positions.push(this.store.positionOf(id) ?? Number.POSITIVE_INFINITY)
      this.keyOf.set(id, key)
      if (typeof after._score === 'number') this.ownScores.set(key, after._score)
      for (const entry of this.texts.values()) this.addText(entry, key, after)
    }
    if (this.dead > COMPACT_AFTER && this.dead > this.keyOf.size) this.compact()
  }

  private addText(entry: { text: AstNode; index: TextFieldIndex | null }, key: number, doc: LakeDocument | undefined): void {
    if (!entry.index || !doc) return
    try {
      const value = evaluateSync(entry.text as unknown as ExprNode, { root: doc }).data
      entry.index.add(key, stringsOf(value).flatMap(wordsOfText))
    } catch {
      // groq-js answers searches of this text itself, failing where it fails.
      entry.index = null
    }
  }

  /** Drops the dead keys, numbering the live ones afresh in the same order. */
  private compact(): void {
    const renumbered = new Int32Array(this.ids.length).fill(-1)
    const ids: string[] = []
    const positions: number[] = []
    const ownScores = new Map<number, number>()
    this.ids.forEach((id, key) => {
      if (id === undefined) return
      renumbered[key] = ids.length
      this.keyOf.set(id, ids.length)
      const ownScore = this.ownScores.get(key)
      if (ownScore !== undefined) ownScores.set(ids.length, ownScore)
      ids.push(id)
      positions.push(this.positions[key] as number)
    })
    for (const { index } of this.texts.values()) index?.renumber(renumbered)
    this.ids = ids
    this.positions = positions
    this.ownScores = ownScores
    this.dead = 0
  }
}
