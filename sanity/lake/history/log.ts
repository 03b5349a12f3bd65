import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { httpError } from '../core/errors'
import { LOCAL_EDITOR } from '../core/localEditor'
import { mendozaEffects } from '../events/listen'
import { inTransaction } from '../storage/documentTable'
import { parseRecords } from '../storage/records'
import type { DocumentStore, LakeDocument } from '../storage/store'
import type { CommittedTransaction } from '../writes/mutations'

type Entry = {
  id: string
  timestamp: string
  changes: { id: string; before: LakeDocument | null; after: LakeDocument | null; mutations: Record<string, unknown>[] }[]
}

function isEntry(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && typeof (value as Entry).id === 'string' && Array.isArray((value as Entry).changes)
}

/** Which state of the documents to give: exactly one of these is set. */
export type DocumentsAt = { revision?: string; time?: number; lastRevision?: boolean }

/** Which transactions to give, and what of each. */
export type TransactionsOf = {
  fromTransaction?: string
  toTransaction?: string
  limit?: number
  reverse: boolean
  /** Only the changes to the documents asked about. */
  onlyIdentified: boolean
  /** Each change as Mendoza patches. */
  withEffects: boolean
  withMutations: boolean
}

/** A transaction as Sanity's history API lists it. */
export type HistoryTransaction = {
  id: string
  timestamp: string
  author: string
  documentIDs: string[]
  effects?: Record<string, unknown>
  mutations?: Record<string, unknown>[]
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
 * The history behind Sanity's history API, for the Studio's review of changes and restore: every
 * transaction committed since the lake was seeded, kept in the lake's database beside the
 * documents (one row per transaction, and which documents it touched), read as documents at a
 * revision or time and as the transactions that touched some documents (answered over HTTP by
 * http/handlers/history.ts). Nothing of it is held in memory.
 */
export class DocumentHistory {
  private readonly statements: ReturnType<typeof prepare>

  constructor(
    dataDir: string,
    private readonly store: DocumentStore,
  ) {
    store.database.exec(SCHEMA)
    this.statements = prepare(store.database)
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
    return this.seqOf(transactionId) !== undefined
  }

  /** The documents as they stood at a revision (a transaction id), at a time, or at their last revision. */
  documents(ids: string[], { revision, time, lastRevision: last }: DocumentsAt): LakeDocument[] {
    let until: number
    if (last) until = Number.POSITIVE_INFINITY
    else if (revision) {
      until = this.seqOf(revision) ?? -1
      if (until < 0 && !ids.some((id) => this.store.get(id)?._rev === revision)) {
        throw httpError(404, `Revision "${revision}" is not in this lake's history`)
      }
    } else if (time !== undefined) until = this.lastBefore(time)
    else throw httpError(400, 'Give "revision", a valid ISO "time", or "lastRevision=true"')
    const lastRevision = until === Number.POSITIVE_INFINITY
    return ids
      .map((id) => (revision && until < 0 ? this.store.get(id) : this.stateAt(id, until, lastRevision)))
      .filter((doc): doc is LakeDocument => Boolean(doc))
  }

  /** The transactions that touched any of the documents, oldest first (or newest, with `reverse`), 50 at most. */
  transactions(ids: string[], options: TransactionsOf): HistoryTransaction[] {
    const wanted = new Set(ids)
    const seqs = [...new Set(ids.flatMap((id) => this.seqsOf(id)))].sort((a, b) => a - b)
    const from = this.bound(options.fromTransaction, 0)
    const to = this.bound(options.toTransaction, Number.POSITIVE_INFINITY)
    const limit = Math.min(options.limit || MAX_TRANSACTIONS, MAX_TRANSACTIONS)
    let selected = seqs.filter((seq) => seq >= from && seq <= to)
    selected = options.reverse ? selected.reverse().slice(0, limit) : selected.slice(0, limit)
    return selected.map((seq) => {
      const entry = this.read(seq)
      const changes = options.onlyIdentified ? entry.changes.filter((change) => wanted.has(change.id)) : entry.changes
      return {
        id: entry.id,
        timestamp: entry.timestamp,
        author: LOCAL_EDITOR.id,
        documentIDs: changes.map((change) => change.id),
        ...(options.withEffects ? { effects: Object.fromEntries(changes.map((change) => [change.id, mendozaEffects(change)])) } : {}),
        ...(options.withMutations ? { mutations: changes.flatMap((change) => change.mutations) } : {}),
      }
    })
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

  private bound(transactionId: string | undefined, fallback: number): number {
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
