import fs from 'node:fs'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import { type DamagedRecord, encodeRecord, type ParsedRecords, parseRecords } from './records'
import { TextIndex, type TextTerm } from './textIndex'

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

const SNAPSHOT_FILE = 'snapshot.ndjson'
const JOURNAL_FILE = 'journal.ndjson'
const LOCK_FILE = 'lock'
/** Where copies of damaged files are kept, untouched, for inspection or recovery by hand. */
const QUARANTINE_DIR = 'quarantine'
/** Past this the journal is folded into the snapshot, so that opening never replays much. */
const COMPACT_JOURNAL_BYTES = 16 * 1024 * 1024
const SNAPSHOT_WRITE_CHUNK = 1024 * 1024
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

/** Damage found in a file of the data dir: which lines, and what they still name. */
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

/** The data dir holds damaged acknowledged data: the lake does not start on it. */
export class StoreDamagedError extends Error {
  constructor(
    readonly damage: FileDamage[],
    readonly quarantined: string[],
  ) {
    const [first] = damage
    const line = first?.lines[0]
    const count = damage.reduce((sum, { lines }) => sum + lines.length, 0)
    super(
      `${first?.file} is damaged at line ${line?.line} (byte ${line?.offset}): ${line?.reason}` +
        `${count > 1 ? `, and ${count - 1} more damaged line(s)` : ''}. ` +
        'A complete line is one that was acknowledged, so this is damage to stored data, not a write cut off by a crash; ' +
        'the lake does not start on it, so that nothing more is lost. ' +
        (quarantined.length > 0 ? `A copy of the damaged file(s) is kept at ${quarantined.join(', ')}. ` : '') +
        `To keep every intact record and see what is lost, run \`npm run lake:repair -- ${path.dirname(first?.file ?? '')}\` with the lake stopped; or restore the data dir from a backup.`,
    )
    this.name = 'StoreDamagedError'
  }
}

/**
 * The documents of one dataset, in memory, made durable by an append-only journal and a snapshot.
 *
 * A transaction is acknowledged only after its journal line is on disk (fdatasync), and the line
 * holds each touched document's whole new state, so replaying it is idempotent. Each line carries
 * a checksum (records.ts): a torn last line (a crash mid-write, never acknowledged) is dropped,
 * while a damaged complete line stops the lake until `repair` has been run.
 */
export class DocumentStore {
  private readonly docs = new Map<string, LakeDocument>()
  private readonly byType = new Map<string, Set<string>>()
  private readonly bySlug = new Map<string, Set<string>>()
  private readonly referencedBy = new Map<string, Set<string>>()
  /** Every word of every document, for `match` (sanity/lake/textIndex.ts). */
  private readonly words = new TextIndex()
  /** How many drafts and release versions each type has, so published documents of a type are counted without a scan. */
  private readonly unpublishedOfType = new Map<string, number>()
  /** How many stored documents carry each revision, so a transaction id already used is known without a scan. */
  private readonly revisions = new Map<string, number>()
  /** Each document's position in the dataset (insertion order, which updates keep): GROQ breaks ties in `order()` by it. */
  private readonly positions = new Map<string, number>()
  private nextPosition = 0
  /** Built on first use by a query, by `type` and field. */
  private readonly ordered = new Map<string, OrderedIndex>()
  /** By `type` and field, for each referenced id a query has asked about, the documents of the type referencing it, sorted. */
  private readonly orderedByReference = new Map<string, { type: string; field: string; byRef: Map<string, OrderedIndex> }>()
  /** Indexes kept outside the store (query/search), told of every document change once it is applied. */
  private readonly changeWatchers: ((id: string, after: LakeDocument | undefined) => void)[] = []
  private journalFd: number | undefined
  private journalSize = 0
  private locked = false
  /** Bumped on every commit, so readers can cache views of the data. */
  version = 0

  private constructor(private readonly dataDir: string) {}

  /**
   * Opens the data dir for writing (one process at a time), or `readOnly` to look at it while a
   * lake may be running on it: then nothing on disk is touched.
   */
  static open(dataDir: string, options: { readOnly?: boolean } = {}): DocumentStore {
    const store = new DocumentStore(dataDir)
    if (options.readOnly) {
      const { damage } = store.load()
      if (damage.length > 0) throw new StoreDamagedError(damage, [])
      return store
    }
    return DocumentStore.openForWriting(store, (loaded) => {
      if (loaded.damage.length > 0) throw new StoreDamagedError(loaded.damage, store.quarantine(loaded.damage))
      return { rewrite: false }
    })
  }

  /**
   * Opens a data dir whose files are damaged, keeping every intact record: the damaged files are
   * copied aside, the documents as the intact records leave them are written to a new snapshot,
   * and the report says which documents may be lost or out of date.
   */
  static repair(dataDir: string): RepairReport {
    let report: RepairReport | undefined
    const store = new DocumentStore(dataDir)
    DocumentStore.openForWriting(store, ({ journal, damage }) => {
      const recovered = new Set<string>()
      const possiblyLost = new Set<string>()
      for (const { file, lines } of damage) {
        for (const { line, documentIds } of lines) {
          // The journal is replayed over the snapshot: any intact journal record comes later than a snapshot line.
          const later = journal.records.filter((record) => file !== store.journalPath || record.line > line)
          for (const id of documentIds) {
            if (later.some(({ value }) => value.changes.some((change) => change.id === id))) recovered.add(id)
            else possiblyLost.add(id)
          }
        }
      }
      report = {
        damage,
        quarantined: store.quarantine(damage),
        lostTransactions: damage.flatMap(({ lines }) => lines.flatMap(({ transactionId }) => (transactionId ? [transactionId] : []))),
        possiblyLost: [...possiblyLost],
        recovered: [...recovered].filter((id) => !possiblyLost.has(id)),
        documents: store.size,
      }
      // Written out even with nothing replayed: the damaged lines must not be read again.
      return { rewrite: damage.length > 0 }
    })
    store.close()
    return report as RepairReport
  }

  private static openForWriting(store: DocumentStore, check: (loaded: Loaded) => { rewrite: boolean }): DocumentStore {
    fs.mkdirSync(store.dataDir, { recursive: true })
    acquireLock(path.join(store.dataDir, LOCK_FILE))
    store.locked = true
    try {
      fs.rmSync(`${store.snapshotPath}.tmp`, { force: true })
      const loaded = store.load()
      const { rewrite } = check(loaded)
      const { torn, validLength } = loaded.journal
      if (torn) {
        console.warn(
          `Content lake: dropped ${torn.bytes} bytes at the end of ${store.journalPath} (line ${torn.line}): a transaction cut off by a crash before it was acknowledged`,
        )
      }
      store.journalFd = fs.openSync(store.journalPath, 'a')
      fs.ftruncateSync(store.journalFd, validLength)
      store.journalSize = validLength
      if (loaded.journal.records.length > 0 || rewrite) store.compact()
    } catch (err) {
      store.close()
      throw err
    }
    return store
  }

  get size(): number {
    return this.docs.size
  }

  get(id: string): LakeDocument | undefined {
    return this.docs.get(id)
  }

  documents(): IterableIterator<LakeDocument> {
    return this.docs.values()
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
    return this.words.idsMatching(terms)
  }

  /** Whether a stored document's `_rev` is this. */
  hasRevision(rev: string): boolean {
    return this.revisions.has(rev)
  }

  /** Where the document stands in the dataset's order (the order of `documents()`). */
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
      const ids = [...this.idsOfType(type)].filter((id) => scope === 'all' || isPublishedId(id))
      index = new OrderedIndex(
        type,
        field,
        scope,
        ids.map((id) => orderEntry(id, this.docs.get(id)?.[field])),
      )
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
      const entries: OrderEntry[] = []
      for (const id of this.idsReferencing(refId)) {
        const doc = this.docs.get(id)
        if (doc?._type === type) entries.push(orderEntry(id, doc[field]))
      }
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
    const fd = this.journalFd
    if (fd === undefined) throw new Error('The store was opened read-only or is closed')
    const bytes = Buffer.from(encodeRecord(entry), 'utf8')
    try {
      writeFully(fd, bytes)
      fs.fdatasyncSync(fd)
    } catch (err) {
      // Cut off whatever part of the line reached the file, so the next entry starts on a clean line.
      fs.ftruncateSync(fd, this.journalSize)
      throw err
    }
    this.journalSize += bytes.length
    this.apply(entry)
    if (this.journalSize > COMPACT_JOURNAL_BYTES) {
      try {
        this.compact()
      } catch (err) {
        // The transaction is already durable in the journal; compaction will be retried on open.
        console.error('Content lake: journal compaction failed:', err)
      }
    }
  }

  close(): void {
    if (this.journalFd !== undefined) fs.closeSync(this.journalFd)
    this.journalFd = undefined
    if (this.locked) fs.rmSync(path.join(this.dataDir, LOCK_FILE), { force: true })
    this.locked = false
  }

  private get snapshotPath() {
    return path.join(this.dataDir, SNAPSHOT_FILE)
  }

  private get journalPath() {
    return path.join(this.dataDir, JOURNAL_FILE)
  }

  /** Reads the snapshot and replays the journal over it, skipping (and returning) damaged lines. */
  private load(): Loaded {
    const snapshot = parseRecords(readFile(this.snapshotPath), isDocument)
    for (const { value: doc } of snapshot.records) {
      this.index(doc._id, undefined, doc)
      this.docs.set(doc._id, doc)
    }
    const journal = parseRecords(readFile(this.journalPath), isJournalEntry)
    for (const { value } of journal.records) this.apply(value)
    const damage: FileDamage[] = []
    // The snapshot is written whole and renamed into place: even its last line was complete.
    const snapshotLines = snapshot.torn ? [...snapshot.damaged, { ...snapshot.torn, reason: 'cut off', documentIds: [] }] : snapshot.damaged
    if (snapshotLines.length > 0) damage.push({ file: this.snapshotPath, lines: snapshotLines })
    if (journal.damaged.length > 0) damage.push({ file: this.journalPath, lines: journal.damaged })
    return { journal, damage }
  }

  /** Copies each damaged file aside (once per content) and returns where. */
  private quarantine(damage: FileDamage[]): string[] {
    const dir = path.join(this.dataDir, QUARANTINE_DIR)
    fs.mkdirSync(dir, { recursive: true })
    return damage.map(({ file }) => {
      const bytes = fs.readFileSync(file)
      const copy = path.join(dir, `${path.basename(file, '.ndjson')}-${crc32(bytes).toString(16).padStart(8, '0')}.ndjson`)
      if (!fs.existsSync(copy)) fs.writeFileSync(copy, bytes)
      return copy
    })
  }

  private apply(entry: JournalEntry): void {
    if (entry.changes.length > BULK_CHANGES) {
      this.ordered.clear()
      this.orderedByReference.clear()
    }
    for (const { id, document } of entry.changes) {
      this.index(id, this.docs.get(id), document ?? undefined)
      if (document) this.docs.set(id, document)
      else this.docs.delete(id)
      for (const watcher of this.changeWatchers) watcher(id, document ?? undefined)
    }
    this.version++
  }

  /** Brings every index from `before` to `after`, touching only the keys that changed. */
  private index(id: string, before: LakeDocument | undefined, after: LakeDocument | undefined): void {
    if (!before && after) this.positions.set(id, this.nextPosition++)
    if (before && !after) this.positions.delete(id)
    if (before?._rev !== after?._rev) {
      if (typeof before?._rev === 'string') countDown(this.revisions, before._rev)
      if (typeof after?._rev === 'string') this.revisions.set(after._rev, (this.revisions.get(after._rev) ?? 0) + 1)
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
    const refsBefore = before ? collectRefs(before) : EMPTY
    const refsAfter = after ? collectRefs(after) : EMPTY
    for (const ref of refsBefore) if (!refsAfter.has(ref)) removeFrom(this.referencedBy, ref, id)
    for (const ref of refsAfter) if (!refsBefore.has(ref)) addTo(this.referencedBy, ref, id)
    this.words.update(id, before, after)
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

  /** Writes every document to a new snapshot (atomically: temp file, fsync, rename), then empties the journal. */
  private compact(): void {
    const fd = this.journalFd
    if (fd === undefined) return
    const tmp = `${this.snapshotPath}.tmp`
    const out = fs.openSync(tmp, 'w')
    try {
      let chunk = ''
      for (const doc of this.docs.values()) {
        chunk += encodeRecord(doc)
        if (chunk.length >= SNAPSHOT_WRITE_CHUNK) {
          writeFully(out, Buffer.from(chunk, 'utf8'))
          chunk = ''
        }
      }
      writeFully(out, Buffer.from(chunk, 'utf8'))
      fs.fsyncSync(out)
    } finally {
      fs.closeSync(out)
    }
    fs.renameSync(tmp, this.snapshotPath)
    fsyncDirectory(this.dataDir)
    // A crash before this point leaves the journal in place; replaying it over the new snapshot is harmless.
    fs.ftruncateSync(fd, 0)
    fs.fsyncSync(fd)
    this.journalSize = 0
  }
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

function countDown(counts: Map<string, number>, key: string) {
  const count = (counts.get(key) ?? 0) - 1
  if (count > 0) counts.set(key, count)
  else counts.delete(key)
}

function slugOf(doc: LakeDocument): string | undefined {
  const slug = doc.slug
  return typeof slug === 'object' && slug !== null && 'current' in slug && typeof slug.current === 'string' ? slug.current : undefined
}

/**
 * The `_ref`s GROQ's `references()` finds in a value: an object with a (truthy) `_ref` is a
 * reference, and what else it holds is not looked into; other objects and arrays are searched
 * all the way down. So the ids referencing a document are exactly those `references()` matches.
 */
function collectRefs(value: unknown, into = new Set<string>()): Set<string> {
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

type Loaded = { journal: ParsedRecords<JournalEntry>; damage: FileDamage[] }

function readFile(file: string): Buffer {
  return fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0)
}

function isDocument(value: unknown): value is LakeDocument {
  return typeof value === 'object' && value !== null && typeof (value as LakeDocument)._id === 'string'
}

function isJournalEntry(value: unknown): value is JournalEntry {
  return typeof value === 'object' && value !== null && Array.isArray((value as JournalEntry).changes)
}

function writeFully(fd: number, bytes: Buffer) {
  let written = 0
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written)
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
