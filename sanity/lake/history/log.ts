import fs from 'node:fs'
import path from 'node:path'
import { httpError } from '../core/errors'
import { LOCAL_EDITOR } from '../core/localEditor'
import { mendozaEffects } from '../events/listen'
import { encodeRecord, parseLine, parseRecords } from '../storage/records'
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

/** Where an entry lies in the log; the entry itself is read from disk only when asked for. */
type Placement = { id: string; time: number; offset: number; length: number }

const HISTORY_FILE = 'history.ndjson'
/** Sanity's history API pages transactions 50 at a time at most. */
const MAX_TRANSACTIONS = 50

/**
 * The history behind Sanity's history API, for the Studio's review of changes and restore: every
 * transaction committed since the lake was seeded, kept in an append-only log beside the dataset,
 * read as documents at a revision or time and as the transactions that touched some documents
 * (answered over HTTP by http/handlers/history.ts). Memory holds only
 * where each transaction lies in the log and which documents it touched.
 */
export class DocumentHistory {
  private readonly entries: Placement[] = []
  private readonly byDocument = new Map<string, number[]>()
  private readonly position = new Map<string, number>()
  private readonly fd: number
  private size = 0

  constructor(
    dataDir: string,
    private readonly store: DocumentStore,
  ) {
    const file = path.join(dataDir, HISTORY_FILE)
    this.fd = fs.openSync(file, fs.existsSync(file) ? 'r+' : 'w+')
    const log = parseRecords(fs.readFileSync(file), isEntry)
    for (const { value, offset, length } of log.records) this.index(value, offset, length)
    // The history serves review and restore; the documents themselves are in the store. A damaged
    // line loses that one transaction's history, not the history after it.
    for (const { line, reason } of log.damaged) {
      console.warn(`Content lake: ${file} line ${line} is damaged (${reason}); that transaction is left out of the history`)
    }
    this.size = log.validLength
    // A line torn by a crash mid-append is cut off, so the next entry starts clean.
    if (log.torn) fs.ftruncateSync(this.fd, this.size)
  }

  record(transaction: CommittedTransaction): void {
    const entry: Entry = { id: transaction.transactionId, timestamp: transaction.timestamp, changes: transaction.changes }
    const line = Buffer.from(encodeRecord(entry))
    fs.writeSync(this.fd, line, 0, line.length, this.size)
    this.index(entry, this.size, line.length)
    this.size += line.length
  }

  /** Whether a transaction with this id is in the log. */
  has(transactionId: string): boolean {
    return this.position.has(transactionId)
  }

  close(): void {
    fs.closeSync(this.fd)
  }

  /** The documents as they stood at a revision (a transaction id), at a time, or at their last revision. */
  documents(ids: string[], { revision, time, lastRevision: last }: DocumentsAt): LakeDocument[] {
    let until: number
    if (last) until = Number.POSITIVE_INFINITY
    else if (revision) {
      until = this.position.get(revision) ?? -1
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
    const seqs = [...new Set(ids.flatMap((id) => this.byDocument.get(id) ?? []))].sort((a, b) => a - b)
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

  private index(entry: Entry, offset: number, length: number) {
    const seq = this.entries.push({ id: entry.id, time: Date.parse(entry.timestamp), offset, length }) - 1
    this.position.set(entry.id, seq)
    for (const change of entry.changes) {
      const list = this.byDocument.get(change.id) ?? []
      list.push(seq)
      this.byDocument.set(change.id, list)
    }
  }

  private read(seq: number): Entry {
    const { offset, length } = this.entries[seq] as Placement
    const line = Buffer.alloc(length)
    fs.readSync(this.fd, line, 0, length, offset)
    const parsed = parseLine(line.toString('utf8', 0, length - 1), isEntry)
    if ('reason' in parsed) throw new Error(`${HISTORY_FILE} changed under the lake at byte ${offset}: ${parsed.reason}`)
    return parsed.value
  }

  /** A document as it stood after transaction `seq`; with `lastRevision`, its last existing state. */
  private stateAt(id: string, seq: number, lastRevision: boolean): LakeDocument | null | undefined {
    const seqs = this.byDocument.get(id) ?? []
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

  private lastBefore(time: number): number {
    let seq = -1
    for (const [index, entry] of this.entries.entries()) if (entry.time <= time) seq = index
    return seq
  }

  private bound(transactionId: string | undefined, fallback: number): number {
    if (!transactionId) return fallback
    const seq = this.position.get(transactionId)
    if (seq === undefined) throw httpError(404, `Transaction "${transactionId}" is not in this lake's history`)
    return seq
  }
}
