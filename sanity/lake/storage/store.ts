import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { crc32 } from 'node:zlib'
import { DocumentTable, slugOf } from './documentTable'
import { hasLegacyFiles, LEGACY_FILES, type LegacyData, readLegacyFiles, retireLegacyFiles } from './legacyFiles'
import type { DamagedRecord } from './records'
import type { TextTerm } from './textIndex'

export type { DamagedRecord }

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

export const DATABASE_FILE = 'lake.sqlite'
const LOCK_FILE = 'lock'
/** Where copies of damaged files are kept, untouched, for inspection or recovery by hand. */
const QUARANTINE_DIR = 'quarantine'
/** Parsed documents kept in memory: far more than a page and its references read, far fewer than an archive. */
const CACHED_DOCUMENTS = 5_000
const CACHED_WORD_LOOKUPS = 64
/** Rows missing in a row before a salvage that cannot list a damaged table's rows stops looking. */
const SALVAGE_GAP = 10_000
/** A transaction touching more documents than this drops the ordered indexes (rebuilt on next use) rather than updating them one by one. */
const BULK_CHANGES = 256

/**
 * One document's place in an ordered index: the value of the ordering field as GROQ's `order()`
 * compares it. GROQ ranks numbers before strings before booleans, and everything else (missing,
 * null, objects, arrays) after them, all equal to each other.
 */
export type OrderEntry = { id: string; rank: number; value: string | number | boolean | null }

const RANK_NUMBER = 2
export const RANK_STRING = 3
const RANK_BOOLEAN = 4
const RANK_OTHER = 100

export function orderEntry(id: string, value: unknown): OrderEntry {
  if (typeof value === 'number') return { id, rank: RANK_NUMBER, value }
  if (typeof value === 'string') return { id, rank: RANK_STRING, value }
  if (typeof value === 'boolean') return { id, rank: RANK_BOOLEAN, value }
  return { id, rank: RANK_OTHER, value: null }
}

/** GROQ's ascending order of two ordering values (0: a tie, which GROQ breaks by dataset position). */
export function compareOrder(a: Omit<OrderEntry, 'id'>, b: Omit<OrderEntry, 'id'>): number {
  if (a.rank !== b.rank) return a.rank - b.rank
  if (a.rank === RANK_STRING) return (a.value as string) < (b.value as string) ? -1 : (a.value as string) > (b.value as string) ? 1 : 0
  if (a.rank === RANK_NUMBER || a.rank === RANK_BOOLEAN) return Number(a.value) - Number(b.value)
  return 0
}

/** The index's own total order: GROQ's order, then the id, so every entry has one place. */
function compareEntries(a: OrderEntry, b: OrderEntry): number {
  return compareOrder(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** A UTC timestamp exactly as `toISOString()` writes it: strings in this form sort in time order. */
function isCanonicalTimestamp(value: string): boolean {
  if (value.length !== 24 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false
  const time = Date.parse(value)
  return Number.isFinite(time) && new Date(time).toISOString() === value
}

/** Whether an id is a published document's (not a draft's or a release version's). */
export const isPublishedId = (id: string) => !id.startsWith('drafts.') && !id.startsWith('versions.')

/** Which stored documents an ordered index holds: all of the type, or only the published ones. */
export type OrderedScope = 'all' | 'published'

/** Documents of one type sorted by one top-level field, kept sorted as documents change. */
class OrderedIndex {
  /** String values that are not canonical timestamps: while there are none, string order is time order. */
  private irregular = 0

  constructor(
    readonly type: string,
    readonly field: string,
    readonly scope: OrderedScope,
    readonly entries: OrderEntry[],
  ) {
    entries.sort(compareEntries)
    for (const entry of entries) this.count(entry, 1)
  }

  get timestampsInOrder(): boolean {
    return this.irregular === 0
  }

  holds(id: string): boolean {
    return this.scope === 'all' || isPublishedId(id)
  }

  insert(entry: OrderEntry) {
    this.entries.splice(this.search(entry), 0, entry)
    this.count(entry, 1)
  }

  remove(entry: OrderEntry) {
    const at = this.search(entry)
    if (this.entries[at]?.id !== entry.id) return
    this.entries.splice(at, 1)
    this.count(entry, -1)
  }

  private count(entry: OrderEntry, delta: number) {
    if (entry.rank === RANK_STRING && !isCanonicalTimestamp(entry.value as string)) this.irregular += delta
  }

  /** The first position whose entry is not before `entry`. */
  private search(entry: OrderEntry): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (compareEntries(this.entries[mid] as OrderEntry, entry) < 0) low = mid + 1
      else high = mid
    }
    return low
  }
}

/** Damage found in a file of the data dir: which lines (in the database, rows by position), and what they still name. */
export type FileDamage = { file: string; lines: DamagedRecord[] }

/** What `repair` kept and lost. */
export type RepairReport = {
  damage: FileDamage[]
  /** Copies of the damaged files, as they were. */
  quarantined: string[]
  /** Transactions whose damaged journal line still names them. */
  lostTransactions: string[]
  /** Documents a damaged line named that no intact later record wrote again: missing, or at an older state. */
  possiblyLost: string[]
  /** Documents a damaged line named whose latest state an intact later record holds. */
  recovered: string[]
  documents: number
}

const isDatabase = (file: string) => file.endsWith('.sqlite')

/** Where in a file a damaged record is: a line of the old files, a row (by position) of the database, or its structure. */
export function placeOf(file: string, { line, offset, documentIds }: DamagedRecord): string {
  if (!isDatabase(file)) return `at line ${line} (byte ${offset})`
  return line > 0 ? `at row ${line} (document ${documentIds[0]})` : 'in its structure'
}

/** The data dir holds damaged acknowledged data: the lake does not start on it. */
export class StoreDamagedError extends Error {
  constructor(
    readonly damage: FileDamage[],
    readonly quarantined: string[],
  ) {
    const [first] = damage
    const line = first?.lines[0]
    const count = damage.reduce((sum, { lines }) => sum + lines.length, 0)
    const database = first ? isDatabase(first.file) : false
    super(
      `${first?.file} is damaged ${first && line ? placeOf(first.file, line) : ''}: ${line?.reason}` +
        `${count > 1 ? `, and ${count - 1} more damaged ${database ? 'row' : 'line'}(s)` : ''}. ` +
        (database
          ? 'Every row there was written by an acknowledged transaction, so this is damage to stored data; '
          : 'A complete line is one that was acknowledged, so this is damage to stored data, not a write cut off by a crash; ') +
        'the lake does not start on it, so that nothing more is lost. ' +
        (quarantined.length > 0 ? `A copy of the damaged file(s) is kept at ${quarantined.join(', ')}. ` : '') +
        `To keep every intact record and see what is lost, run \`npm run lake:repair -- ${path.dirname(first?.file ?? '')}\` with the lake stopped; or restore the data dir from a backup.`,
    )
    this.name = 'StoreDamagedError'
  }
}

/**
 * The documents of one dataset, kept in SQLite (storage/documentTable.ts) with what queries look
 * up in memory: each document's position, type, slug and the ids it references, the ordered
 * indexes queries build, and a bounded cache of parsed documents. A document's body is read from
 * the database when a query needs it and is not cached; the word index stays in the database.
 *
 * A transaction is acknowledged only once its database transaction is committed and synced, and
 * made visible only after that: a failed write changes nothing.
 */
export class DocumentStore {
  private readonly byType = new Map<string, Set<string>>()
  private readonly bySlug = new Map<string, Set<string>>()
  private readonly referencedBy = new Map<string, Set<string>>()
  /** How many drafts and release versions each type has, so published documents of a type are counted without a scan. */
  private readonly unpublishedOfType = new Map<string, number>()
  /** Each document's position in the dataset (insertion order, which updates keep): GROQ breaks ties in `order()` by it. */
  private readonly positions = new Map<string, number>()
  private readonly idAt = new Map<number, string>()
  private readonly cache = new DocumentCache(CACHED_DOCUMENTS)
  /** `match` look-ups since the last commit, by terms. */
  private readonly wordLookups = new Map<string, ReadonlySet<string>>()
  /** Built on first use by a query, by `type` and field. */
  private readonly ordered = new Map<string, OrderedIndex>()
  /** By `type` and field, for each referenced id a query has asked about, the documents of the type referencing it, sorted. */
  private readonly orderedByReference = new Map<string, { type: string; field: string; byRef: Map<string, OrderedIndex> }>()
  /** Indexes kept outside the store (query/search), told of every document change once it is applied. */
  private readonly changeWatchers: ((id: string, after: LakeDocument | undefined) => void)[] = []
  private locked = false
  /** Bumped on every commit, so readers can cache views of the data. */
  version = 0

  private constructor(
    private readonly dataDir: string,
    private readonly table: DocumentTable,
    private readonly writable: boolean,
  ) {}

  /**
   * Opens the data dir for writing (one process at a time), or `readOnly` to look at it while a
   * lake may be running on it: then nothing on disk is touched (a data dir still in the old
   * file format is read into a database in memory).
   */
  static open(dataDir: string, options: { readOnly?: boolean } = {}): DocumentStore {
    const file = path.join(dataDir, DATABASE_FILE)
    if (options.readOnly) {
      if (fs.existsSync(file)) return new DocumentStore(dataDir, DocumentTable.open(file, { readOnly: true }), false).loadIndexes()
      const table = DocumentTable.open(':memory:', { durability: 'none' })
      if (hasLegacyFiles(dataDir)) {
        const legacy = readLegacyFiles(dataDir)
        if (legacy.damage.length > 0) throw new StoreDamagedError(legacy.damage, [])
        fill(table, legacy.documents.values())
      }
      return new DocumentStore(dataDir, table, false).loadIndexes()
    }
    return DocumentStore.openForWriting(dataDir, (table) => {
      if (hasLegacyFiles(dataDir)) {
        const legacy = readLegacyFiles(dataDir)
        if (legacy.damage.length > 0) throw new StoreDamagedError(legacy.damage, quarantine(dataDir, damagedFiles(legacy)))
        migrate(dataDir, table, legacy)
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
    const file = path.join(dataDir, DATABASE_FILE)
    let report: Omit<RepairReport, 'documents'> = { damage: [], quarantined: [], lostTransactions: [], possiblyLost: [], recovered: [] }
    const store = DocumentStore.openForWriting(dataDir, (table) => {
      if (hasLegacyFiles(dataDir)) {
        const legacy = readLegacyFiles(dataDir)
        const { damage, lostTransactions, possiblyLost, recovered } = legacy
        const quarantined = quarantine(dataDir, damagedFiles(legacy))
        migrate(dataDir, table, legacy)
        report = { damage, quarantined, lostTransactions, possiblyLost, recovered }
      }
      const damaged = table.check()
      if (damaged.length === 0) return table
      const quarantined = quarantine(dataDir, databaseFiles(file))
      table.close()
      const { documents, named } = salvage(file)
      rebuild(file, documents)
      const kept = new Set(documents.map((doc) => doc._id))
      const lost = [...damaged.flatMap(({ documentIds }) => documentIds), ...named].filter((id) => !kept.has(id))
      report = { damage: [{ file, lines: damaged }], quarantined, lostTransactions: [], possiblyLost: [...new Set(lost)], recovered: [] }
      return DocumentTable.open(file)
    })
    const documents = store.size
    store.close()
    return { ...report, documents }
  }

  /** Takes the data dir's lock and opens its database; `prepare` checks it and returns the table to use (a repaired one, say). */
  private static openForWriting(dataDir: string, prepare: (table: DocumentTable) => DocumentTable): DocumentStore {
    fs.mkdirSync(dataDir, { recursive: true })
    acquireLock(path.join(dataDir, LOCK_FILE))
    let table: DocumentTable | undefined
    try {
      table = DocumentTable.open(path.join(dataDir, DATABASE_FILE))
      table = prepare(table)
      const store = new DocumentStore(dataDir, table, true)
      store.locked = true
      return store.loadIndexes()
    } catch (err) {
      table?.close()
      fs.rmSync(path.join(dataDir, LOCK_FILE), { force: true })
      throw err
    }
  }

  get size(): number {
    return this.positions.size
  }

  /** The database the documents are in, for what the lake keeps beside them (the history). */
  get database(): DatabaseSync {
    return this.table.database
  }

  get(id: string): LakeDocument | undefined {
    const cached = this.cache.get(id)
    if (cached || !this.positions.has(id)) return cached
    const doc = this.table.get(id)
    if (doc) this.cache.set(id, doc)
    return doc
  }

  /** Every document, in dataset order, read from the database one at a time. */
  documents(): IterableIterator<LakeDocument> {
    return this.table.all()
  }

  idsOfType(type: string): ReadonlySet<string> {
    return this.byType.get(type) ?? EMPTY
  }

  /** How many published documents (neither drafts nor release versions) have this type. */
  publishedCountOfType(type: string): number {
    return this.idsOfType(type).size - (this.unpublishedOfType.get(type) ?? 0)
  }

  /** Ids of the documents whose `slug.current` is `slug`. */
  idsWithSlug(slug: string): ReadonlySet<string> {
    return this.bySlug.get(slug) ?? EMPTY
  }

  /** Ids of the documents holding a reference (`_ref`) to `id`: those `references(id)` matches. */
  idsReferencing(id: string): ReadonlySet<string> {
    return this.referencedBy.get(id) ?? EMPTY
  }

  /** Ids of the documents that can match a `match` whose pattern has these terms (and perhaps others that do not). */
  idsMatchingWords(terms: readonly TextTerm[]): ReadonlySet<string> {
    const key = JSON.stringify(terms)
    let ids = this.wordLookups.get(key)
    if (!ids) {
      ids = new Set([...this.table.words.keysMatching(terms)].map((position) => this.idAt.get(position) as string))
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
    return this.positions.get(id)
  }

  /**
   * The documents of `type` (all, or only the published ones), ascending in GROQ's order of their
   * top-level `field` (ties in no particular order), and whether its string values all sort in
   * time order. Built on first use and kept up to date from then on.
   */
  orderedBy(type: string, field: string, scope: OrderedScope = 'all'): { entries: readonly OrderEntry[]; timestampsInOrder: boolean } {
    const key = `${type}\u0000${field}\u0000${scope}`
    let index = this.ordered.get(key)
    if (!index) {
      const entries: OrderEntry[] = []
      for (const [id, value] of this.table.fieldOfType(type, field))
        if (scope === 'all' || isPublishedId(id)) entries.push(orderEntry(id, value))
      index = new OrderedIndex(type, field, scope, entries)
      this.ordered.set(key, index)
    }
    return index
  }

  /**
   * The documents of `type` holding a reference to `refId` (those `references(refId)` matches), in
   * the order of `field` as `orderedBy` gives it. Built on first use for that id, and kept up to
   * date from then on.
   */
  orderedReferencing(type: string, field: string, refId: string): { entries: readonly OrderEntry[]; timestampsInOrder: boolean } {
    const key = `${type}\u0000${field}`
    let index = this.orderedByReference.get(key)
    if (!index) {
      index = { type, field, byRef: new Map() }
      this.orderedByReference.set(key, index)
    }
    let list = index.byRef.get(refId)
    if (!list) {
      const entries = [...this.table.fieldReferencing(type, field, refId)].map(([id, value]) => orderEntry(id, value))
      list = new OrderedIndex(type, field, 'all', entries)
      index.byRef.set(refId, list)
    }
    return list
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
    const steps = this.table.transaction(() =>
      entry.changes.map(({ id, document }) => {
        const now = states.get(id)
        const before = now ? now.doc : this.get(id)
        const positionBefore = now ? now.position : this.positions.get(id)
        const after = document ?? undefined
        const refsBefore = before ? collectRefs(before) : EMPTY
        const refsAfter = after ? collectRefs(after) : EMPTY
        const position = this.table.write(id, document, refsBefore, refsAfter)
        if (positionBefore !== undefined && positionBefore !== position) this.table.words.update(positionBefore, before, undefined)
        if (position !== undefined) this.table.words.update(position, positionBefore === position ? before : undefined, after)
        states.set(id, { doc: after, position })
        return { id, before, after, position, refsBefore, refsAfter }
      }),
    )
    if (entry.changes.length > BULK_CHANGES) {
      this.ordered.clear()
      this.orderedByReference.clear()
    }
    for (const step of steps) {
      this.index(step)
      if (step.after) this.cache.set(step.id, step.after)
      else this.cache.delete(step.id)
      for (const watcher of this.changeWatchers) watcher(step.id, step.after)
    }
    this.wordLookups.clear()
    this.version++
  }

  close(): void {
    this.table.close()
    if (this.locked) fs.rmSync(path.join(this.dataDir, LOCK_FILE), { force: true })
    this.locked = false
  }

  /** Fills the in-memory indexes from the database's keys and references, reading no document. */
  private loadIndexes(): this {
    for (const { position, id, type, slug } of this.table.keys()) {
      this.positions.set(id, position)
      this.idAt.set(position, id)
      addTo(this.byType, type, id)
      if (slug !== null) addTo(this.bySlug, slug, id)
      if (!isPublishedId(id)) this.unpublishedOfType.set(type, (this.unpublishedOfType.get(type) ?? 0) + 1)
    }
    for (const [target, source] of this.table.references()) {
      // The id as the keys above hold it, so that the index shares one string per document.
      addTo(this.referencedBy, target, this.idAt.get(this.positions.get(source) as number) ?? source)
    }
    return this
  }

  /** Brings every in-memory index from `before` to `after`, touching only the keys that changed. */
  private index({ id, before, after, position, refsBefore, refsAfter }: Step): void {
    const positionBefore = this.positions.get(id)
    if (positionBefore !== undefined && positionBefore !== position) {
      this.positions.delete(id)
      this.idAt.delete(positionBefore)
    }
    if (position !== undefined) {
      this.positions.set(id, position)
      this.idAt.set(position, id)
    }
    if (before?._type !== after?._type) {
      if (before) removeFrom(this.byType, before._type, id)
      if (after) addTo(this.byType, after._type, id)
      if (!isPublishedId(id)) {
        if (before) this.unpublishedOfType.set(before._type, (this.unpublishedOfType.get(before._type) ?? 0) - 1)
        if (after) this.unpublishedOfType.set(after._type, (this.unpublishedOfType.get(after._type) ?? 0) + 1)
      }
    }
    const slugBefore = before && slugOf(before)
    const slugAfter = after && slugOf(after)
    if (slugBefore !== slugAfter) {
      if (slugBefore !== undefined) removeFrom(this.bySlug, slugBefore, id)
      if (slugAfter !== undefined) addTo(this.bySlug, slugAfter, id)
    }
    for (const ref of refsBefore) if (!refsAfter.has(ref)) removeFrom(this.referencedBy, ref, id)
    for (const ref of refsAfter) if (!refsBefore.has(ref)) addTo(this.referencedBy, ref, id)
    for (const index of this.ordered.values()) {
      if (!index.holds(id)) continue
      const entryBefore = before?._type === index.type ? orderEntry(id, before[index.field]) : undefined
      const entryAfter = after?._type === index.type ? orderEntry(id, after[index.field]) : undefined
      if (entryBefore && entryAfter && compareOrder(entryBefore, entryAfter) === 0) continue
      if (entryBefore) index.remove(entryBefore)
      if (entryAfter) index.insert(entryAfter)
    }
    for (const { type, field, byRef } of this.orderedByReference.values()) {
      const entryBefore = before?._type === type ? orderEntry(id, before[field]) : undefined
      const entryAfter = after?._type === type ? orderEntry(id, after[field]) : undefined
      const same = entryBefore && entryAfter && compareOrder(entryBefore, entryAfter) === 0
      if (entryBefore) for (const ref of refsBefore) if (!same || !refsAfter.has(ref)) byRef.get(ref)?.remove(entryBefore)
      if (entryAfter) {
        // A list not built yet is built from the documents as they are when it is first asked for.
        for (const ref of refsAfter) if (!same || !refsBefore.has(ref)) byRef.get(ref)?.insert(entryAfter)
      }
    }
  }
}

/** One document's change in a committed transaction, with what the indexes need of it. */
type Step = {
  id: string
  before: LakeDocument | undefined
  after: LakeDocument | undefined
  position: number | undefined
  refsBefore: ReadonlySet<string>
  refsAfter: ReadonlySet<string>
}

/** The most recently read or written documents, parsed: what a site's pages read again and again. */
class DocumentCache {
  private readonly docs = new Map<string, LakeDocument>()

  constructor(private readonly capacity: number) {}

  get(id: string): LakeDocument | undefined {
    const doc = this.docs.get(id)
    if (doc) {
      this.docs.delete(id)
      this.docs.set(id, doc)
    }
    return doc
  }

  set(id: string, doc: LakeDocument): void {
    this.docs.delete(id)
    this.docs.set(id, doc)
    if (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value as string)
  }

  delete(id: string): void {
    this.docs.delete(id)
  }
}

/** Writes every document (replacing whatever the table held), with its references and words, in one transaction. */
function fill(table: DocumentTable, documents: Iterable<LakeDocument>, alsoWrite?: () => void): number {
  return table.transaction(() => {
    alsoWrite?.()
    table.database.exec('DELETE FROM documents; DELETE FROM refs; DELETE FROM fields; DELETE FROM words')
    let count = 0
    for (const doc of documents) {
      const position = table.write(doc._id, doc, EMPTY, collectRefs(doc)) as number
      table.words.update(position, undefined, doc)
      count++
    }
    return count
  })
}

/**
 * Moves a data dir's documents from the old files into an empty database; the files are renamed
 * only once the database holds them. A database that already holds documents is never replaced
 * by them: the lake refuses to guess which of the two is the data dir's.
 */
function migrate(dataDir: string, table: DocumentTable, legacy: LegacyData) {
  const marker = table.database.prepare("SELECT value FROM meta WHERE key = 'migrated'")
  // Moved before a crash that came ahead of renaming the files.
  if (marker.get() !== undefined) return retireLegacyFiles(dataDir)
  if (table.database.prepare('SELECT 1 FROM documents LIMIT 1').get() !== undefined) {
    throw new Error(
      `${dataDir} holds both ${DATABASE_FILE}, with documents, and the files of an older lake (${LEGACY_FILES.join(', ')}): ` +
        'move the files aside to start on the database, or the database aside to move the files into a new one',
    )
  }
  const count = fill(table, legacy.documents.values(), () =>
    table.database.prepare("INSERT INTO meta (key, value) VALUES ('migrated', ?)").run(new Date().toISOString()),
  )
  retireLegacyFiles(dataDir)
  console.warn(
    `Content lake: moved ${count} documents from ${dataDir}'s snapshot and journal into ${DATABASE_FILE} (the old files are kept as *.migrated)`,
  )
}

/**
 * Every intact document of a damaged database, in dataset order, each row read on its own so that
 * one damaged row loses only itself; and every id the database still names.
 */
function salvage(file: string): { documents: LakeDocument[]; named: string[] } {
  const table = DocumentTable.open(file, { readOnly: true })
  const documents: LakeDocument[] = []
  /** Whether a row stands at the position (kept if intact; a damaged one is named in the check's report). */
  const readAt = (position: number): boolean => {
    try {
      const doc = table.at(position)
      if (doc) documents.push(doc)
      return doc !== undefined
    } catch {
      return true
    }
  }
  try {
    let positions: number[] | undefined
    try {
      positions = table.positions()
    } catch {
      // The table's own structure is damaged: try each position until rows have stopped for a while.
    }
    if (positions) for (const position of positions) readAt(position)
    else for (let at = 1, missing = 0; missing < SALVAGE_GAP; at++) missing = readAt(at) ? 0 : missing + 1
    // The ids the table's index of ids still lists, so that a row too damaged to read is still named.
    let named: string[] = []
    try {
      named = table.ids()
    } catch {
      // That index is damaged too: the report names what the check could.
    }
    return { documents, named }
  } finally {
    table.close()
  }
}

/** Writes the documents to a new database and puts it in place of `file` (synced, then renamed over it). */
function rebuild(file: string, documents: LakeDocument[]) {
  const next = `${file}.rebuild`
  for (const stale of databaseFiles(next)) fs.rmSync(stale, { force: true })
  const table = DocumentTable.open(next, { durability: 'none' })
  try {
    fill(table, documents)
    table.database.exec('PRAGMA journal_mode = DELETE')
  } finally {
    table.close()
  }
  const fd = fs.openSync(next, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  for (const old of databaseFiles(file).slice(1)) fs.rmSync(old, { force: true })
  fs.renameSync(next, file)
  fsyncDirectory(path.dirname(file))
}

const damagedFiles = ({ damage }: LegacyData) => damage.map(({ file }) => file)

/** The database and the files SQLite keeps beside it while it is open. */
const databaseFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`]

/** Copies each damaged file aside (once per content) and returns where. */
function quarantine(dataDir: string, files: string[]): string[] {
  const dir = path.join(dataDir, QUARANTINE_DIR)
  fs.mkdirSync(dir, { recursive: true })
  return (
    files
      // The shared-memory index is rebuilt from the others; an empty log holds nothing.
      .filter((file) => fs.existsSync(file) && !file.endsWith('-shm') && fs.statSync(file).size > 0)
      .map((file) => {
        const extension = path.extname(file)
        const copy = path.join(dir, `${path.basename(file, extension)}-${checksumOfFile(file)}${extension}`)
        if (!fs.existsSync(copy)) fs.copyFileSync(file, copy)
        return copy
      })
  )
}

function checksumOfFile(file: string): string {
  const fd = fs.openSync(file, 'r')
  const chunk = Buffer.alloc(1024 * 1024)
  let checksum = 0
  try {
    for (let read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) checksum = crc32(chunk.subarray(0, read), checksum)
  } finally {
    fs.closeSync(fd)
  }
  return checksum.toString(16).padStart(8, '0')
}

const EMPTY: ReadonlySet<string> = new Set()

function addTo(index: Map<string, Set<string>>, key: string, id: string) {
  const ids = index.get(key) ?? new Set()
  ids.add(id)
  index.set(key, ids)
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string) {
  const ids = index.get(key)
  if (!ids) return
  ids.delete(id)
  if (ids.size === 0) index.delete(key)
}

/**
 * The `_ref`s GROQ's `references()` finds in a value: an object with a (truthy) `_ref` is a
 * reference, and what else it holds is not looked into; other objects and arrays are searched
 * all the way down. So the ids referencing a document are exactly those `references()` matches.
 */
export function collectRefs(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into)
  } else if (typeof value === 'object' && value !== null) {
    const ref = (value as { _ref?: unknown })._ref
    if (ref) {
      if (typeof ref === 'string') into.add(ref)
    } else {
      for (const child of Object.values(value)) collectRefs(child, into)
    }
  }
  return into
}

function fsyncDirectory(dir: string) {
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** One writer per data dir: a lock file naming the process, taken over only if that process is gone. */
function acquireLock(file: string) {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
      return
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10)
      if (isRunning(holder)) {
        throw new Error(`${path.dirname(file)} is in use by another content lake (process ${holder})`)
      }
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not lock ${path.dirname(file)}`)
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
