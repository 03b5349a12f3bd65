import fs from 'node:fs'
import path from 'node:path'

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
/** Past this the journal is folded into the snapshot, so that opening never replays much. */
const COMPACT_JOURNAL_BYTES = 16 * 1024 * 1024
const SNAPSHOT_WRITE_CHUNK = 1024 * 1024

/**
 * The documents of one dataset, in memory, made durable by an append-only journal and a snapshot.
 *
 * A transaction is acknowledged only after its journal line is on disk (fdatasync), and the line
 * holds each touched document's whole new state, so replaying it is idempotent and a torn last
 * line (a crash mid-write) is simply dropped: it was never acknowledged.
 */
export class DocumentStore {
  private readonly docs = new Map<string, LakeDocument>()
  private readonly byType = new Map<string, Set<string>>()
  private readonly bySlug = new Map<string, Set<string>>()
  private readonly referencedBy = new Map<string, Set<string>>()
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
      store.load()
      return store
    }
    fs.mkdirSync(dataDir, { recursive: true })
    acquireLock(path.join(dataDir, LOCK_FILE))
    store.locked = true
    try {
      fs.rmSync(`${store.snapshotPath}.tmp`, { force: true })
      const { replayed, validLength } = store.load()
      store.journalFd = fs.openSync(store.journalPath, 'a')
      fs.ftruncateSync(store.journalFd, validLength)
      store.journalSize = validLength
      if (replayed > 0) store.compact()
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

  /** Ids of the documents whose `slug.current` is `slug`. */
  idsWithSlug(slug: string): ReadonlySet<string> {
    return this.bySlug.get(slug) ?? EMPTY
  }

  /** Ids of the documents holding a reference (`_ref`) to `id`, anywhere in them. */
  idsReferencing(id: string): ReadonlySet<string> {
    return this.referencedBy.get(id) ?? EMPTY
  }

  /** Makes the transaction durable, then visible. Throws (and changes nothing) if the disk write fails. */
  commit(entry: JournalEntry): void {
    const fd = this.journalFd
    if (fd === undefined) throw new Error('The store was opened read-only or is closed')
    const bytes = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8')
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

  private load(): { replayed: number; validLength: number } {
    for (const line of readLines(this.snapshotPath)) {
      const doc = JSON.parse(line) as LakeDocument
      this.index(doc._id, undefined, doc)
      this.docs.set(doc._id, doc)
    }
    const journal = fs.existsSync(this.journalPath) ? fs.readFileSync(this.journalPath) : Buffer.alloc(0)
    const { entries, validLength } = parseJournal(journal, this.journalPath)
    for (const entry of entries) this.apply(entry)
    return { replayed: entries.length, validLength }
  }

  private apply(entry: JournalEntry): void {
    for (const { id, document } of entry.changes) {
      this.index(id, this.docs.get(id), document ?? undefined)
      if (document) this.docs.set(id, document)
      else this.docs.delete(id)
    }
    this.version++
  }

  private index(id: string, before: LakeDocument | undefined, after: LakeDocument | undefined): void {
    if (before) {
      removeFrom(this.byType, before._type, id)
      const slug = slugOf(before)
      if (slug !== undefined) removeFrom(this.bySlug, slug, id)
      for (const ref of collectRefs(before)) removeFrom(this.referencedBy, ref, id)
    }
    if (after) {
      addTo(this.byType, after._type, id)
      const slug = slugOf(after)
      if (slug !== undefined) addTo(this.bySlug, slug, id)
      for (const ref of collectRefs(after)) addTo(this.referencedBy, ref, id)
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
        chunk += `${JSON.stringify(doc)}\n`
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

function slugOf(doc: LakeDocument): string | undefined {
  const slug = doc.slug
  return typeof slug === 'object' && slug !== null && 'current' in slug && typeof slug.current === 'string' ? slug.current : undefined
}

/** Every `_ref` in a value, at any depth: what GROQ's `references()` looks at. */
function collectRefs(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into)
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '_ref' && typeof child === 'string') into.add(child)
      else collectRefs(child, into)
    }
  }
  return into
}

/** Complete journal lines; a last line without its newline, or unparseable, is a torn write and is dropped. */
function parseJournal(buffer: Buffer, file: string): { entries: JournalEntry[]; validLength: number } {
  const entries: JournalEntry[] = []
  let offset = 0
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset)
    if (newline === -1) break
    const entry = parseEntry(buffer.subarray(offset, newline).toString('utf8'))
    if (!entry) {
      if (newline + 1 === buffer.length) break
      throw new Error(`${file} is corrupt at byte ${offset}: a damaged entry is followed by others`)
    }
    entries.push(entry)
    offset = newline + 1
  }
  return { entries, validLength: offset }
}

function parseEntry(line: string): JournalEntry | undefined {
  try {
    const entry = JSON.parse(line) as JournalEntry
    return Array.isArray(entry.changes) ? entry : undefined
  } catch {
    return undefined
  }
}

function* readLines(file: string): Generator<string> {
  if (!fs.existsSync(file)) return
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line !== '') yield line
  }
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
