import fs from 'node:fs'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { httpError } from './errors'
import { sendJson } from './http'
import { mendozaEffects } from './listen'
import { LOCAL_EDITOR } from './localEditor'
import type { CommittedTransaction } from './mutations'
import { parseRecords } from './records'
import { inTransaction } from './storage/documentTable'
import type { DocumentStore, LakeDocument } from './store'

type Entry = {
  id: string
  timestamp: string
  changes: { id: string; before: LakeDocument | null; after: LakeDocument | null; mutations: Record<string, unknown>[] }[]
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && typeof (value as Entry).id === 'string' && Array.isArray((value as Entry).changes)
}

const HISTORY_FILE = 'history.ndjson'
/** Sanity's history API pages transactions 50 at a time at most. */
const MAX_TRANSACTIONS = 50

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS history (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, time INTEGER NOT NULL, entry TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS history_by_time ON history (time);
  CREATE TABLE IF NOT EXISTS history_documents (document TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (document, seq)) WITHOUT ROWID;
`

/**
 * Sanity's history API for the Studio's review of changes and restore: every transaction committed
 * since the lake was seeded, kept in the lake's database beside the documents (one row per
 * transaction, and which documents it touched), served as documents at a revision or time and as
 * the transactions that touched some documents. Nothing of it is held in memory.
 */
export class DocumentHistory {
  private readonly statements: ReturnType<typeof prepare>

  constructor(
    dataDir: string,
    private readonly store: DocumentStore,
  ) {
    const database = store.database
    database.exec(SCHEMA)
    this.statements = prepare(database)
    const file = path.join(dataDir, HISTORY_FILE)
    if (fs.existsSync(file)) this.migrate(file)
  }

  record(transaction: CommittedTransaction): void {
    inTransaction(this.store.database, () =>
      this.write({ id: transaction.transactionId, timestamp: transaction.timestamp, changes: transaction.changes }),
    )
  }

  /** Whether a transaction with this id is in the history. */
  has(transactionId: string): boolean {
    return this.statements.seqOf.get(transactionId) !== undefined
  }

  /** `GET /data/history/:dataset/documents/:ids` with `revision`, `time` or `lastRevision=true`. */
  documents(res: ServerResponse, ids: string[], search: URLSearchParams): void {
    const revision = search.get('revision')
    const time = search.get('time')
    let until: number
    if (search.get('lastRevision') === 'true') until = Number.POSITIVE_INFINITY
    else if (revision) {
      until = this.seqOf(revision) ?? -1
      if (until < 0 && !ids.some((id) => this.store.get(id)?._rev === revision)) {
        throw httpError(404, `Revision "${revision}" is not in this lake's history`)
      }
    } else if (time && !Number.isNaN(Date.parse(time))) until = this.lastBefore(Date.parse(time))
    else throw httpError(400, 'Give "revision", a valid ISO "time", or "lastRevision=true"')
    const lastRevision = until === Number.POSITIVE_INFINITY
    const documents = ids
      .map((id) => (revision && until < 0 ? this.store.get(id) : this.stateAt(id, until, lastRevision)))
      .filter((doc): doc is LakeDocument => Boolean(doc))
    sendJson(res, 200, { documents })
  }

  /** `GET /data/history/:dataset/transactions/:ids` as newline-delimited JSON, oldest first. */
  transactions(res: ServerResponse, ids: string[], search: URLSearchParams): void {
    const wanted = new Set(ids)
    const seqs = [...new Set(ids.flatMap((id) => this.seqsOf(id)))].sort((a, b) => a - b)
    const from = this.bound(search.get('fromTransaction'), 0)
    const to = this.bound(search.get('toTransaction'), Number.POSITIVE_INFINITY)
    const limit = Math.min(Number(search.get('limit')) || MAX_TRANSACTIONS, MAX_TRANSACTIONS)
    let selected = seqs.filter((seq) => seq >= from && seq <= to)
    selected = search.get('reverse') === 'true' ? selected.reverse().slice(0, limit) : selected.slice(0, limit)
    const onlyIdentified = search.get('includeIdentifiedDocumentsOnly') === 'true'
    const withEffects = search.get('effectFormat') === 'mendoza'
    const withMutations = search.get('excludeMutations') !== 'true'
    const lines = selected.map((seq) => {
      const entry = this.read(seq)
      const changes = onlyIdentified ? entry.changes.filter((change) => wanted.has(change.id)) : entry.changes
      return JSON.stringify({
        id: entry.id,
        timestamp: entry.timestamp,
        author: LOCAL_EDITOR.id,
        documentIDs: changes.map((change) => change.id),
        ...(withEffects ? { effects: Object.fromEntries(changes.map((change) => [change.id, mendozaEffects(change)])) } : {}),
        ...(withMutations ? { mutations: changes.flatMap((change) => change.mutations) } : {}),
      })
    })
    const body = lines.map((line) => `${line}\n`).join('')
    res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
    res.end(body)
  }

  /**
   * The Studio's events API. The lake lists no publish/unpublish events; for drafts the Studio
   * builds its edit history from the transactions above.
   */
  events(res: ServerResponse, id: string): void {
    sendJson(res, 200, { events: { [id]: [] }, nextCursor: '' })
  }

  /** Moves the log of a lake from before the database into it, keeping every intact line; the file is renamed once it is in. */
  private migrate(file: string) {
    const log = parseRecords(fs.readFileSync(file), isEntry)
    // A damaged line loses that one transaction's history, not the history after it.
    for (const { line, reason } of log.damaged) {
      console.warn(`Content lake: ${file} line ${line} is damaged (${reason}); that transaction is left out of the history`)
    }
    inTransaction(this.store.database, () => {
      for (const { value } of log.records) if (!this.has(value.id)) this.write(value)
    })
    fs.renameSync(file, `${file}.migrated`)
  }

  private write(entry: Entry) {
    const { seq } = this.statements.insert.get(entry.id, Date.parse(entry.timestamp), JSON.stringify(entry)) as { seq: number }
    for (const id of new Set(entry.changes.map((change) => change.id))) this.statements.touched.run(id, seq)
  }

  private seqOf(transactionId: string): number | undefined {
    return (this.statements.seqOf.get(transactionId) as { seq: number } | undefined)?.seq
  }

  /** The transactions that touched a document, oldest first. */
  private seqsOf(id: string): number[] {
    return (this.statements.seqsOf.all(id) as { seq: number }[]).map((row) => row.seq)
  }

  private read(seq: number): Entry {
    const row = this.statements.entry.get(seq) as { entry: string } | undefined
    if (!row) throw new Error(`Transaction ${seq} is missing from the lake's history`)
    return JSON.parse(row.entry) as Entry
  }

  /** A document as it stood after transaction `seq`; with `lastRevision`, its last existing state. */
  private stateAt(id: string, seq: number, lastRevision: boolean): LakeDocument | null | undefined {
    const seqs = this.seqsOf(id)
    if (lastRevision) {
      const current = this.store.get(id)
      if (current) return current
      const last = seqs.at(-1)
      return last === undefined ? undefined : this.change(last, id)?.before
    }
    const earlier = seqs.filter((s) => s <= seq).at(-1)
    if (earlier !== undefined) return this.change(earlier, id)?.after
    const later = seqs.find((s) => s > seq)
    return later !== undefined ? this.change(later, id)?.before : this.store.get(id)
  }

  private change(seq: number, id: string) {
    return this.read(seq).changes.find((change) => change.id === id)
  }

  /** The last transaction at or before `time`, or -1. */
  private lastBefore(time: number): number {
    return (this.statements.lastBefore.get(time) as { seq: number | null }).seq ?? -1
  }

  private bound(transactionId: string | null, fallback: number): number {
    if (!transactionId) return fallback
    const seq = this.seqOf(transactionId)
    if (seq === undefined) throw httpError(404, `Transaction "${transactionId}" is not in this lake's history`)
    return seq
  }
}

function prepare(database: DatabaseSync) {
  return {
    insert: database.prepare('INSERT INTO history (id, time, entry) VALUES (?, ?, ?) RETURNING seq'),
    touched: database.prepare('INSERT INTO history_documents (document, seq) VALUES (?, ?)'),
    seqOf: database.prepare('SELECT seq FROM history WHERE id = ?'),
    seqsOf: database.prepare('SELECT seq FROM history_documents WHERE document = ? ORDER BY seq'),
    entry: database.prepare('SELECT entry FROM history WHERE seq = ?'),
    lastBefore: database.prepare('SELECT max(seq) AS seq FROM history WHERE time <= ?'),
  }
}
