import { crc32 } from 'node:zlib'
import { collectRefs, NO_IDS } from './change'
import type { DamagedRecord } from './records'
import { type PositionedDocument, SearchPostings } from './searchPostings'
import { DatabaseSync } from './sqlite'
import type { LakeDocument } from './store'
import { TextIndex } from './textIndex'

/** The database's file in a data dir. */
export const DATABASE_FILE = 'lake.sqlite'

/**
 * The documents of one dataset in SQLite (node:sqlite): each document's JSON under its id, with
 * what the store's in-memory indexes are rebuilt from at start without reading a document (type,
 * `slug.current`, the ids it references), its top-level numbers, strings and booleans (what
 * `order()` sorts by: an ordered index is built from them, not from every document's JSON), and
 * the word index and the ranked search's postings, all written in one database transaction per
 * lake transaction.
 *
 * A document's `position` (the row id) is its place in the dataset: given when it is first
 * written, kept by updates, as GROQ's dataset order needs. Each body carries its CRC-32, checked
 * whenever it is read: SQLite's own checks cover the file's structure, not the bytes of a value.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS documents (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT,
    slug TEXT,
    rev TEXT,
    body TEXT NOT NULL,
    checksum INTEGER NOT NULL
  );
  CREATE INDEX IF NOT EXISTS documents_by_rev ON documents (rev);
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS refs (target TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (target, source)) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS fields (position INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (position, name)) WITHOUT ROWID;
`

const CHECKSUM_MISMATCH = 'checksum mismatch'

/** The keys the store indexes in memory, per document. */
export type DocumentKeys = { position: number; id: string; type: string; slug: string | null }

/** How documents are written: `full` syncs every commit (the lake); `none` is for a database built whole and synced at the end. */
export type Durability = 'full' | 'none'

export class DocumentTable {
  readonly words: TextIndex<number>
  readonly searchPostings: SearchPostings
  private readonly statements: ReturnType<typeof prepare>

  private constructor(
    readonly file: string,
    readonly database: DatabaseSync,
    writable: boolean,
  ) {
    database.exec(SCHEMA)
    this.words = new TextIndex(database)
    this.statements = prepare(database)
    this.searchPostings = new SearchPostings(database, (type, from, limit) => this.ofType(type, from, limit), writable)
  }

  /**
   * Opens (creating if need be) the database. WAL with `synchronous = FULL`: a commit returns once
   * its pages are synced to the log, so an acknowledged transaction survives a crash of the
   * process or of the machine, and readers (an export) never block the writer.
   */
  static open(file: string, options: { readOnly?: boolean; durability?: Durability } = {}): DocumentTable {
    const database = new DatabaseSync(file, { readOnly: options.readOnly ?? false, timeout: 5_000 })
    if (!options.readOnly) {
      database.exec('PRAGMA journal_mode = WAL')
      database.exec(`PRAGMA synchronous = ${options.durability === 'none' ? 'OFF' : 'FULL'}`)
    }
    return new DocumentTable(file, database, !options.readOnly)
  }

  transaction<T>(write: () => T): T {
    return inTransaction(this.database, write)
  }

  /** Every document's keys, in dataset order. */
  keys(): Iterable<DocumentKeys> {
    return this.statements.keys.iterate() as Iterable<DocumentKeys>
  }

  /** Every reference: [referenced id, referencing id]. */
  references(): Iterable<[string, string]> {
    return this.statements.references.iterate() as Iterable<[string, string]>
  }

  get(id: string): LakeDocument | undefined {
    const row = this.statements.body.get(id) as { position: number; body: string; checksum: number } | undefined
    return row && this.parse(row.position, id, row.body, row.checksum)
  }

  /** The document at a position, read on its own (for salvaging a damaged table row by row). */
  at(position: number): LakeDocument | undefined {
    const row = this.statements.at.get(position) as { id: string; body: string; checksum: number } | undefined
    return row && this.parse(position, row.id, row.body, row.checksum)
  }

  /** Up to `limit` documents of a type, from a position on, in position order. */
  ofType(type: string, from: number, limit: number): PositionedDocument[] {
    const rows = this.statements.ofType.all(from, type, limit) as { position: number; id: string; body: string; checksum: number }[]
    return rows.map((row) => ({ position: row.position, doc: this.parse(row.position, row.id, row.body, row.checksum) }))
  }

  /** Every document's id, as the index of ids lists them. */
  ids(): string[] {
    return (this.statements.ids.all() as { id: string }[]).map((row) => row.id)
  }

  /** Every row's position, in order. */
  positions(): number[] {
    return (this.statements.positions.all() as { position: number }[]).map((row) => row.position)
  }

  /** Every document in dataset order, read and parsed one at a time. */
  *all(): Generator<LakeDocument> {
    for (const row of this.statements.all.iterate() as Iterable<{ position: number; id: string; body: string; checksum: number }>) {
      yield this.parse(row.position, row.id, row.body, row.checksum)
    }
  }

  hasRevision(rev: string): boolean {
    return this.statements.revision.get(rev) !== undefined
  }

  /**
   * [id, value of the top-level `field`] of every document of a type, where the value is a
   * number, string or boolean (undefined otherwise: GROQ's `order()` ranks every other value alike).
   */
  fieldOfType(type: string, field: string): Iterable<[string, unknown]> {
    return this.fieldValues(this.statements.fieldOfType.iterate(field, type))
  }

  /** [position, value of the top-level `field`] of every document whose value is a number, string or boolean. */
  fieldEverywhere(field: string): Iterable<[number, unknown]> {
    return this.fieldValues(this.statements.fieldEverywhere.iterate(field))
  }

  /** [id, value of `field`] of every document of a type that references `refId`, as `fieldOfType` gives it. */
  fieldReferencing(type: string, field: string, refId: string): Iterable<[string, unknown]> {
    return this.fieldValues(this.statements.fieldReferencing.iterate(field, refId, type))
  }

  /**
   * Writes one document's new state (null: deleted) with its references' changes; inside a
   * `transaction`. Returns its position, if it exists afterwards.
   */
  write(id: string, after: LakeDocument | null, refsBefore: ReadonlySet<string>, refsAfter: ReadonlySet<string>) {
    let position: number | undefined
    if (after) {
      const body = JSON.stringify(after)
      const row = this.statements.upsert.get(id, after._type ?? null, slugOf(after) ?? null, after._rev ?? null, body, crc32(body)) as {
        position: number
      }
      position = row.position
      this.statements.removeFields.run(position)
      for (const [name, value] of Object.entries(after)) {
        if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
          this.statements.addField.run(position, name, JSON.stringify(value))
        }
      }
    } else {
      const removed = this.statements.remove.get(id) as { position: number } | undefined
      if (removed) this.statements.removeFields.run(removed.position)
    }
    for (const ref of refsBefore) if (!refsAfter.has(ref)) this.statements.removeRef.run(ref, id)
    for (const ref of refsAfter) if (!refsBefore.has(ref)) this.statements.addRef.run(ref, id)
    return position
  }

  /** Writes every document (replacing whatever the table held), with its references and words, in one transaction. */
  replaceAll(documents: Iterable<LakeDocument>, alsoWrite?: () => void): number {
    return this.transaction(() => {
      alsoWrite?.()
      this.database.exec('DELETE FROM documents; DELETE FROM refs; DELETE FROM fields; DELETE FROM words')
      this.searchPostings.clear()
      let count = 0
      for (const doc of documents) {
        const position = this.write(doc._id, doc, NO_IDS, collectRefs(doc)) as number
        this.words.update(position, undefined, doc)
        count++
      }
      return count
    })
  }

  /**
   * What SQLite finds wrong with the file's structure (`quick_check`), then every document whose
   * body fails its checksum (which was taken of the JSON as written): each as a damaged row, by position.
   */
  check(): DamagedRecord[] {
    const problems = (this.database.prepare('PRAGMA quick_check').all() as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((text) => text !== 'ok')
    const damaged: DamagedRecord[] = problems.map((reason) => ({ line: 0, offset: 0, reason, documentIds: [] }))
    for (const row of this.statements.all.iterate() as Iterable<{ position: number; id: string; body: string; checksum: number }>) {
      if (crc32(row.body) !== row.checksum)
        damaged.push({ line: row.position, offset: 0, reason: CHECKSUM_MISMATCH, documentIds: [row.id] })
    }
    return damaged
  }

  close(): void {
    if (this.database.isOpen) this.database.close()
  }

  private parse(position: number, id: string, body: string, checksum: number): LakeDocument {
    const read = readBody(body, checksum)
    if ('reason' in read) throw new DocumentDamagedError(this.file, { line: position, offset: 0, reason: read.reason, documentIds: [id] })
    return read.document
  }

  private *fieldValues<Key>(rows: Iterable<unknown>): Generator<[Key, unknown]> {
    for (const [key, value] of rows as Iterable<[Key, string | null]>) yield [key, value === null ? undefined : JSON.parse(value)]
  }
}

/** Runs `write` in one database transaction: all of it is kept, or (if it throws) none. */
export function inTransaction<T>(database: DatabaseSync, write: () => T): T {
  database.exec('BEGIN IMMEDIATE')
  try {
    const result = write()
    database.exec('COMMIT')
    return result
  } catch (err) {
    // A failed COMMIT may have ended the transaction already.
    if (database.isTransaction) database.exec('ROLLBACK')
    throw err
  }
}

/** A document whose stored body is damaged was read: the request fails rather than answer without it. */
export class DocumentDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly row: DamagedRecord,
  ) {
    super(
      `${file} is damaged at row ${row.line} (document ${row.documentIds[0]}): ${row.reason}. ` +
        'Stop the lake and run `npm run lake:repair` to keep every intact document and see what is lost, or restore the data dir from a backup.',
    )
    this.name = 'DocumentDamagedError'
  }
}

function readBody(body: string, checksum: number): { document: LakeDocument } | { reason: string } {
  if (crc32(body) !== checksum) return { reason: CHECKSUM_MISMATCH }
  try {
    return { document: JSON.parse(body) as LakeDocument }
  } catch {
    return { reason: 'not valid JSON' }
  }
}

export function slugOf(doc: LakeDocument): string | undefined {
  const slug = doc.slug
  return typeof slug === 'object' && slug !== null && 'current' in slug && typeof slug.current === 'string' ? slug.current : undefined
}

function prepare(database: DatabaseSync) {
  const statements = {
    keys: database.prepare('SELECT position, id, type, slug FROM documents ORDER BY position'),
    references: database.prepare('SELECT target, source FROM refs'),
    body: database.prepare('SELECT position, body, checksum FROM documents WHERE id = ?'),
    all: database.prepare('SELECT position, id, body, checksum FROM documents ORDER BY position'),
    at: database.prepare('SELECT id, body, checksum FROM documents WHERE position = ?'),
    ofType: database.prepare(
      'SELECT position, id, body, checksum FROM documents WHERE position >= ? AND type = ? ORDER BY position LIMIT ?',
    ),
    positions: database.prepare('SELECT position FROM documents ORDER BY position'),
    ids: database.prepare('SELECT id FROM documents ORDER BY id'),
    revision: database.prepare('SELECT 1 FROM documents WHERE rev = ? LIMIT 1'),
    fieldOfType: database.prepare(
      'SELECT d.id, f.value FROM documents d LEFT JOIN fields f ON f.position = d.position AND f.name = ? WHERE d.type = ?',
    ),
    fieldEverywhere: database.prepare('SELECT position, value FROM fields WHERE name = ?'),
    fieldReferencing: database.prepare(
      `SELECT d.id, f.value FROM refs r JOIN documents d ON d.id = r.source LEFT JOIN fields f ON f.position = d.position AND f.name = ?
       WHERE r.target = ? AND d.type = ?`,
    ),
    upsert: database.prepare(
      `INSERT INTO documents (id, type, slug, rev, body, checksum) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, slug = excluded.slug, rev = excluded.rev, body = excluded.body, checksum = excluded.checksum
       RETURNING position`,
    ),
    remove: database.prepare('DELETE FROM documents WHERE id = ? RETURNING position'),
    addRef: database.prepare('INSERT OR IGNORE INTO refs (target, source) VALUES (?, ?)'),
    removeRef: database.prepare('DELETE FROM refs WHERE target = ? AND source = ?'),
    addField: database.prepare('INSERT INTO fields (position, name, value) VALUES (?, ?, ?)'),
    removeFields: database.prepare('DELETE FROM fields WHERE position = ?'),
  }
  for (const statement of [statements.references, statements.fieldOfType, statements.fieldEverywhere, statements.fieldReferencing]) {
    statement.setReturnArrays(true)
  }
  return statements
}
