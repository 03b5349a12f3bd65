import fs from 'node:fs'
import type { ServerResponse } from 'node:http'
import path from 'node:path'
import { httpError } from '../core/errors'
import { LOCAL_EDITOR } from '../core/localEditor'
import { mendozaEffects } from '../events/listen'
import { sendJson } from '../http/request'
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

/** Where an entry lies in the log; the entry itself is read from disk only when asked for. */
type Placement = { id: string; time: number; offset: number; length: number }

const HISTORY_FILE = 'history.ndjson'
/** Sanity's history API pages transactions 50 at a time at most. */
const MAX_TRANSACTIONS = 50

/**
 * Sanity's history API for the Studio's review of changes and restore: every transaction committed
 * since the lake was seeded, kept in an append-only log beside the dataset, served as documents
 * at a revision or time and as the transactions that touched some documents. Memory holds only
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

  /** `GET /data/history/:dataset/documents/:ids` with `revision`, `time` or `lastRevision=true`. */
  documents(res: ServerResponse, ids: string[], search: URLSearchParams): void {
    const revision = search.get('revision')
    const time = search.get('time')
    let until: number
    if (search.get('lastRevision') === 'true') until = Number.POSITIVE_INFINITY
    else if (revision) {
      until = this.position.get(revision) ?? -1
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
    const seqs = [...new Set(ids.flatMap((id) => this.byDocument.get(id) ?? []))].sort((a, b) => a - b)
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

  private bound(transactionId: string | null, fallback: number): number {
    if (!transactionId) return fallback
    const seq = this.position.get(transactionId)
    if (seq === undefined) throw httpError(404, `Transaction "${transactionId}" is not in this lake's history`)
    return seq
  }
}
