import { type ExprNode, evaluateSync } from 'groq-js'
import { compareOrder, type OrderEntry } from '../../storage/orderedIndex'
import type { DocumentStore, LakeDocument } from '../../storage/store'
import { wordsOfText } from '../../storage/textIndex'
import type { AstNode } from '../ast'
import type { OrderedDocuments } from '../source'
import { TextFieldIndex } from './fieldIndex'
import { stringsOf } from './words'

/** Text indexes kept per type at most: each is built for a text a query searched, the least recently used dropped. */
const MAX_TEXT_INDEXES = 12
/** Below this many dead keys the indexes are not compacted: a few edits cost nothing to keep. */
const COMPACT_AFTER = 4_096
/**
 * Indexes of a type with more documents than this are built in the background, `BUILD_SLICE`
 * documents at a time (about 50 ms), so that a first search never holds the lake for long; until
 * then groq-js answers searches of them. Smaller types are indexed at once.
 */
const BUILT_AT_ONCE = 2_000
const BUILD_SLICE = 400

/** A text's word index; null where groq-js failed to work out the text for a document. */
type TextEntry = { text: AstNode; index: TextFieldIndex | null }

/** Indexes being built together: every key below `next` is in them. */
type Build = { entries: Map<string, TextEntry>; next: number }

const storeTypes = new WeakMap<DocumentStore, Map<string, SearchableType>>()

/**
 * The stored documents of one type as searches read them: a numeric key for each (given anew
 * whenever the document changes, so that indexes are only appended to; the old key is dead until
 * a compaction numbers the live ones afresh), with what a search needs per key in arrays, and the
 * word indexes of the texts searches asked for, built on first use and kept up to date with every
 * commit after (search/fieldIndex.ts). Indexes are in memory: they are rebuilt after a restart.
 */
export class SearchableType {
  private readonly keyOf = new Map<string, number>()
  /** Key → stored id, undefined once the key is dead. */
  private ids: (string | undefined)[] = []
  /** Key → the document's place in the stored dataset. */
  private positions: number[] = []
  /** Key → the document's own numeric `_score` (which `score()` adds to), where it has one. */
  private ownScores = new Map<number, number>()
  /** By the text's tree as JSON, least recently used first. */
  private readonly texts = new Map<string, TextEntry>()
  private readonly building = new Map<string, Build>()
  private readonly ranks = new WeakMap<readonly unknown[], { changes: number; ranks: Int32Array }>()
  /** By a view's `shows`: key → 1 where it shows the document, for the keys up to `upTo` (a key's id never changes). */
  private shown = new WeakMap<(id: string) => boolean, { flags: Uint8Array; upTo: number }>()
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
      for (const id of store.idsOfType(type)) searchable.addKey(id)
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

  /** Whether any text index of the store is being built (for the search bench). */
  static isBuilding(store: DocumentStore): boolean {
    return [...(storeTypes.get(store)?.values() ?? [])].some((searchable) => searchable.building.size > 0)
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

  /**
   * The word indexes of texts (GROQ expressions of the document alone), each undefined where
   * groq-js cannot work its text out or it is still being built. Those not kept yet are built
   * together, reading each document once: at once for a small type, else in the background.
   */
  textIndexes(wanted: readonly { text: AstNode; counting: boolean }[]): (TextFieldIndex | undefined)[] {
    const names = wanted.map(({ text, counting }) => `${counting ? 'counted' : 'present'} ${JSON.stringify(text)}`)
    const build: Build = { entries: new Map(), next: 0 }
    wanted.forEach(({ text, counting }, i) => {
      const name = names[i] as string
      if (!this.texts.has(name) && !this.building.has(name)) build.entries.set(name, { text, index: new TextFieldIndex(counting) })
    })
    if (build.entries.size > 0) {
      for (const name of build.entries.keys()) this.building.set(name, build)
      if (this.keyOf.size > BUILT_AT_ONCE) setImmediate(() => this.buildInBackground(build))
      else {
        try {
          this.buildSlice(build, Number.POSITIVE_INFINITY)
        } catch (err) {
          for (const name of build.entries.keys()) this.building.delete(name)
          throw err
        }
      }
    }
    return names.map((name) => {
      const entry = this.texts.get(name)
      if (!entry) return undefined
      // Most recently used last.
      this.texts.delete(name)
      this.texts.set(name, entry)
      return entry.index ?? undefined
    })
  }

  /** Key → 1 where a view shows the key's document (0 for a dead key's): worked out once per key, for a `shows` of the id alone (a dense view's). */
  shownBy(shows: (id: string) => boolean): Uint8Array {
    let cached = this.shown.get(shows)
    if (!cached) {
      cached = { flags: new Uint8Array(0), upTo: 0 }
      this.shown.set(shows, cached)
    }
    if (cached.flags.length < this.ids.length) {
      const flags = new Uint8Array(this.ids.length * 2)
      flags.set(cached.flags)
      cached.flags = flags
    }
    for (; cached.upTo < this.ids.length; cached.upTo++) {
      const id = this.ids[cached.upTo]
      cached.flags[cached.upTo] = id !== undefined && shows(id) ? 1 : 0
    }
    return cached.flags
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

  private buildInBackground(build: Build): void {
    if (this.building.get(build.entries.keys().next().value as string) !== build) return
    try {
      if (!this.buildSlice(build, BUILD_SLICE)) setImmediate(() => this.buildInBackground(build))
    } catch {
      // The store closed (or failed to read a document): the next search starts over.
      for (const name of build.entries.keys()) this.building.delete(name)
    }
  }

  /** Adds up to `count` more keys' documents to the indexes being built; true once they are complete and kept. */
  private buildSlice(build: Build, count: number): boolean {
    const end = Math.min(this.ids.length, build.next + count)
    for (; build.next < end; build.next++) {
      const id = this.ids[build.next]
      if (id === undefined) continue
      const doc = this.store.getUncached(id)
      if (typeof doc?._score === 'number') this.ownScores.set(build.next, doc._score)
      for (const entry of build.entries.values()) this.addText(entry, build.next, doc)
    }
    if (build.next < this.ids.length) return false
    for (const [name, entry] of build.entries) {
      this.building.delete(name)
      this.texts.set(name, entry)
      // Past the limit, the least recently used goes.
      if (this.texts.size > MAX_TEXT_INDEXES) this.texts.delete(this.texts.keys().next().value as string)
    }
    return true
  }

  /** A new key for a document of the type, last. */
  private addKey(id: string): number {
    const key = this.ids.length
    this.ids.push(id)
    this.positions.push(this.store.positionOf(id) ?? Number.POSITIVE_INFINITY)
    this.keyOf.set(id, key)
    return key
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
      const key = this.addKey(id)
      if (typeof after._score === 'number') this.ownScores.set(key, after._score)
      // Indexes being built reach the new key in their turn.
      for (const entry of this.texts.values()) this.addText(entry, key, after)
    }
    if (this.dead > COMPACT_AFTER && this.dead > this.keyOf.size) this.compact()
  }

  private addText(entry: TextEntry, key: number, doc: LakeDocument | undefined): void {
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
    const builds = new Set(this.building.values())
    const nextOf = new Map([...builds].map((build) => [build, 0]))
    this.ids.forEach((id, key) => {
      if (id === undefined) return
      for (const build of builds) if (key < build.next) nextOf.set(build, (nextOf.get(build) as number) + 1)
      renumbered[key] = ids.length
      this.keyOf.set(id, ids.length)
      const ownScore = this.ownScores.get(key)
      if (ownScore !== undefined) ownScores.set(ids.length, ownScore)
      ids.push(id)
      positions.push(this.positions[key] as number)
    })
    for (const { index } of this.texts.values()) index?.renumber(renumbered)
    for (const build of builds) {
      for (const { index } of build.entries.values()) index?.renumber(renumbered)
      build.next = nextOf.get(build) as number
    }
    this.ids = ids
    this.positions = positions
    this.ownScores = ownScores
    this.shown = new WeakMap()
    this.dead = 0
  }
}
