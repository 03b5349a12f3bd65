import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { collectRefs, type DocumentChange, NO_IDS } from './change'
import { damagedFiles, databaseFiles, quarantine, type RepairReport, StoreDamagedError } from './damage'
import { DocumentCache } from './documentCache'
import { DATABASE_FILE, DocumentTable } from './documentTable'
import { KeyIndexes } from './keyIndexes'
import { hasLegacyFiles, migrateLegacyFiles, readLegacyFiles } from './legacyFiles'
import { lockDataDir, unlockDataDir } from './lock'
import { OrderedIndexes, type OrderedList, type OrderedScope } from './orderedIndex'
import { repairDatabase } from './repair'
import type { SearchPostings } from './searchPostings'
import type { TextTerm } from './textIndex'

export type LakeDocument = {
  _id: string
  _type: string
  _rev?: string
  _createdAt?: string
  _updatedAt?: string
  [field: string]: unknown
}

/** One committed transaction as written to the journal: the full state of every document it touched. */
export type JournalEntry = {
  transactionId: string
  timestamp: string
  changes: { id: string; document: LakeDocument | null }[]
}

/** Parsed documents kept in memory (the last this many read, and at most as many before them): far more than a page and its references read, far fewer than an archive. */
const CACHED_DOCUMENTS = 5_000
const CACHED_WORD_LOOKUPS = 64
/** A transaction touching more documents than this drops the ordered indexes (rebuilt on next use) rather than updating them one by one. */
const BULK_CHANGES = 256

/**
 * The documents of one dataset, kept in SQLite (documentTable.ts) with what queries look up in
 * memory: each document's position, type, slug and the ids it references (keyIndexes.ts), the
 * ordered indexes queries build (orderedIndex.ts), and a bounded cache of parsed documents. A
 * document's body is read from the database when a query needs it; the word index and the ranked
 * search's postings stay in the database.
 *
 * A transaction is acknowledged only once its database transaction is committed and synced, and
 * made visible only after that: a failed write changes nothing.
 */
export class DocumentStore {
  private readonly keys: KeyIndexes
  private readonly ordered: OrderedIndexes
  private readonly cache = new DocumentCache(CACHED_DOCUMENTS)
  /** `match` look-ups since the last commit, by terms. */
  private readonly wordLookups = new Map<string, ReadonlySet<string>>()
  /** Indexes kept outside the store (query/search), told of every document change once it is applied. */
  private readonly changeWatchers: ((id: string, after: LakeDocument | undefined) => void)[] = []
  private locked = false
  /** Bumped on every commit, so readers can cache views of the data. */
  version = 0

  private constructor(
    private readonly dataDir: string,
    private readonly table: DocumentTable,
    private readonly writable: boolean,
  ) {
    this.keys = new KeyIndexes(table)
    this.ordered = new OrderedIndexes(table)
  }

  /**
   * Opens the data dir for writing (one process at a time), or `readOnly` to look at it while a
   * lake may be running on it: then nothing on disk is touched (a data dir still in the old
   * file format is read into a database in memory).
   */
  static open(dataDir: string, options: { readOnly?: boolean } = {}): DocumentStore {
    const file = path.join(dataDir, DATABASE_FILE)
    if (options.readOnly) {
      if (fs.existsSync(file)) return new DocumentStore(dataDir, DocumentTable.open(file, { readOnly: true }), false)
      const table = DocumentTable.open(':memory:', { durability: 'none' })
      if (hasLegacyFiles(dataDir)) {
        const legacy = readLegacyFiles(dataDir)
        if (legacy.damage.length > 0) throw new StoreDamagedError(legacy.damage, [])
        table.replaceAll(legacy.documents.values())
      }
      return new DocumentStore(dataDir, table, false)
    }
    return DocumentStore.openForWriting(dataDir, (table) => {
      if (hasLegacyFiles(dataDir)) {
        const legacy = readLegacyFiles(dataDir)
        if (legacy.damage.length > 0) throw new StoreDamagedError(legacy.damage, quarantine(dataDir, damagedFiles(legacy)))
        migrateLegacyFiles(dataDir, table, legacy)
      }
      const damaged = table.check()
      if (damaged.length > 0) throw new StoreDamagedError([{ file, lines: damaged }], quarantine(dataDir, databaseFiles(file)))
      return table
    })
  }

  /**
   * Opens a data dir whose files are damaged, keeping every intact document: the damaged files are
   * copied aside, the intact documents are written to a new database, and the report says which
   * documents may be lost or out of date.
   */
  static repair(dataDir: string): RepairReport {
    let report: Omit<RepairReport, 'documents'> = { damage: [], quarantined: [], lostTransactions: [], possiblyLost: [], recovered: [] }
    const store = DocumentStore.openForWriting(dataDir, (table) => {
      if (hasLegacyFiles(dataDir)) {
        const legacy = readLegacyFiles(dataDir)
        const { damage, lostTransactions, possiblyLost, recovered } = legacy
        const quarantined = quarantine(dataDir, damagedFiles(legacy))
        migrateLegacyFiles(dataDir, table, legacy)
        report = { damage, quarantined, lostTransactions, possiblyLost, recovered }
      }
      const damaged = table.check()
      if (damaged.length === 0) return table
      const repaired = repairDatabase(dataDir, table, damaged)
      report = repaired.report
      return repaired.table
    })
    const documents = store.size
    store.close()
    return { ...report, documents }
  }

  /** Takes the data dir's lock and opens its database; `prepare` checks it and returns the table to use (a repaired one, say). */
  private static openForWriting(dataDir: string, prepare: (table: DocumentTable) => DocumentTable): DocumentStore {
    fs.mkdirSync(dataDir, { recursive: true })
    lockDataDir(dataDir)
    let table: DocumentTable | undefined
    try {
      table = DocumentTable.open(path.join(dataDir, DATABASE_FILE))
      table = prepare(table)
      const store = new DocumentStore(dataDir, table, true)
      store.locked = true
      return store
    } catch (err) {
      table?.close()
      unlockDataDir(dataDir)
      throw err
    }
  }

  get size(): number {
    return this.keys.size
  }

  /** The database the documents are in, for what the lake keeps beside them (the history). */
  get database(): DatabaseSync {
    return this.table.database
  }

  get(id: string): LakeDocument | undefined {
    const cached = this.cache.get(id)
    if (cached || !this.keys.has(id)) return cached
    const doc = this.table.get(id)
    if (doc) this.cache.set(id, doc)
    return doc
  }

  /** The ranked search's word indexes, kept in the database beside the documents. */
  get searchPostings(): SearchPostings {
    return this.table.searchPostings
  }

  /** The id of the document at a position in the dataset. */
  idAt(position: number): string | undefined {
    return this.keys.idAt(position)
  }

  /** [id, value] of every document whose top-level `field` is a number, string or boolean. */
  *fieldValues(field: string): Generator<[string, unknown]> {
    for (const [position, value] of this.table.fieldEverywhere(field)) yield [this.keys.idAt(position) as string, value]
  }

  /** Every document, in dataset order, read from the database one at a time. */
  documents(): IterableIterator<LakeDocument> {
    return this.table.all()
  }

  idsOfType(type: string): ReadonlySet<string> {
    return this.keys.idsOfType(type)
  }

  /** How many published documents (neither drafts nor release versions) have this type. */
  publishedCountOfType(type: string): number {
    return this.keys.publishedCountOfType(type)
  }

  /** Ids of the documents whose `slug.current` is `slug`. */
  idsWithSlug(slug: string): ReadonlySet<string> {
    return this.keys.idsWithSlug(slug)
  }

  /** Whether the document's `slug.current` is a string, known without reading it. */
  hasStringSlug(id: string): boolean {
    return this.keys.hasStringSlug(id)
  }

  /** Ids of the documents holding a reference (`_ref`) to `id`: those `references(id)` matches. */
  idsReferencing(id: string): ReadonlySet<string> {
    return this.keys.idsReferencing(id)
  }

  /** Ids of the documents that can match a `match` whose pattern has these terms (and perhaps others that do not). */
  idsMatchingWords(terms: readonly TextTerm[]): ReadonlySet<string> {
    const key = JSON.stringify(terms)
    let ids = this.wordLookups.get(key)
    if (!ids) {
      ids = new Set([...this.table.words.keysMatching(terms)].map((position) => this.keys.idAt(position) as string))
      if (this.wordLookups.size >= CACHED_WORD_LOOKUPS) this.wordLookups.clear()
      this.wordLookups.set(key, ids)
    }
    return ids
  }

  /** Whether a stored document's `_rev` is this. */
  hasRevision(rev: string): boolean {
    return this.table.hasRevision(rev)
  }

  /** Where the document stands in the dataset (the order of `documents()`). */
  positionOf(id: string): number | undefined {
    return this.keys.positionOf(id)
  }

  /**
   * The documents of `type` (all, or only the published ones), ascending in GROQ's order of their
   * top-level `field` (ties in no particular order), and whether its string values all sort in
   * time order. Built on first use and kept up to date from then on.
   */
  orderedBy(type: string, field: string, scope: OrderedScope = 'all'): OrderedList {
    return this.ordered.orderedBy(type, field, scope)
  }

  /**
   * The documents of `type` holding a reference to `refId` (those `references(refId)` matches), in
   * the order of `field` as `orderedBy` gives it. Built on first use for that id, and kept up to
   * date from then on.
   */
  orderedReferencing(type: string, field: string, refId: string): OrderedList {
    return this.ordered.orderedReferencing(type, field, refId)
  }

  /** Calls `watcher` with each document's new state (undefined: deleted) as each commit applies it. */
  watchChanges(watcher: (id: string, after: LakeDocument | undefined) => void): void {
    this.changeWatchers.push(watcher)
  }

  /** Makes the transaction durable, then visible. Throws (and changes nothing) if the disk write fails. */
  commit(entry: JournalEntry): void {
    if (!this.writable || !this.table.database.isOpen) throw new Error('The store was opened read-only or is closed')
    // The states within this transaction, for a document it touches twice.
    const states = new Map<string, { doc: LakeDocument | undefined; position: number | undefined }>()
    const changes = this.table.transaction(() =>
      entry.changes.map(({ id, document }): DocumentChange => {
        const now = states.get(id)
        const before = now ? now.doc : this.get(id)
        const positionBefore = now ? now.position : this.keys.positionOf(id)
        const after = document ?? undefined
        const refsBefore = before ? collectRefs(before) : NO_IDS
        const refsAfter = after ? collectRefs(after) : NO_IDS
        const position = this.table.write(id, document, refsBefore, refsAfter)
        if (positionBefore !== undefined && positionBefore !== position) this.table.words.update(positionBefore, before, undefined)
        if (position !== undefined) this.table.words.update(position, positionBefore === position ? before : undefined, after)
        this.table.searchPostings.update(
          before && positionBefore !== undefined ? { position: positionBefore, doc: before } : undefined,
          after && position !== undefined ? { position, doc: after } : undefined,
        )
        states.set(id, { doc: after, position })
        return { id, before, after, position, refsBefore, refsAfter }
      }),
    )
    if (entry.changes.length > BULK_CHANGES) this.ordered.clear()
    for (const change of changes) {
      this.keys.apply(change)
      this.ordered.apply(change)
      if (change.after) this.cache.set(change.id, change.after)
      else this.cache.delete(change.id)
      for (const watcher of this.changeWatchers) watcher(change.id, change.after)
    }
    this.wordLookups.clear()
    this.version++
  }

  close(): void {
    this.table.close()
    if (this.locked) unlockDataDir(this.dataDir)
    this.locked = false
  }
}
