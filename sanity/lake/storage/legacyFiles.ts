import fs from 'node:fs'
import path from 'node:path'
import { parseRecords } from './records'
import type { FileDamage, JournalEntry, LakeDocument } from './store'

/**
 * The lake's files from before it kept its documents in SQLite: `snapshot.ndjson` (every
 * document) and `journal.ndjson` (one line per transaction since), each line checksummed
 * (records.ts). A data dir holding them is read once, moved into the database, and the files are
 * renamed `*.migrated`, kept for as long as someone wants a copy.
 */
export const LEGACY_FILES = ['snapshot.ndjson', 'journal.ndjson'] as const
const [SNAPSHOT_FILE, JOURNAL_FILE] = LEGACY_FILES

export type LegacyData = {
  /** The documents as the intact records leave them, in dataset order. */
  documents: Map<string, LakeDocument>
  damage: FileDamage[]
  /**
   * For each damaged line, which documents an intact later record wrote again (their current
   * state is kept) and which no later record did (missing, or at an older state).
   */
  recovered: string[]
  possiblyLost: string[]
  lostTransactions: string[]
}

export function hasLegacyFiles(dataDir: string): boolean {
  return LEGACY_FILES.some((file) => fs.existsSync(path.join(dataDir, file)))
}

/** Reads the snapshot and replays the journal over it, skipping (and reporting) damaged lines. */
export function readLegacyFiles(dataDir: string): LegacyData {
  const snapshotPath = path.join(dataDir, SNAPSHOT_FILE)
  const journalPath = path.join(dataDir, JOURNAL_FILE)
  const documents = new Map<string, LakeDocument>()
  const snapshot = parseRecords(readFile(snapshotPath), isDocument)
  for (const { value } of snapshot.records) documents.set(value._id, value)
  const journal = parseRecords(readFile(journalPath), isJournalEntry)
  for (const { value } of journal.records) {
    for (const { id, document } of value.changes) {
      if (document) documents.set(id, document)
      else documents.delete(id)
    }
  }
  if (journal.torn) {
    console.warn(
      `Content lake: dropped ${journal.torn.bytes} bytes at the end of ${journalPath} (line ${journal.torn.line}): a transaction cut off by a crash before it was acknowledged`,
    )
  }
  const damage: FileDamage[] = []
  // The snapshot was written whole and renamed into place: even its last line was complete.
  const snapshotLines = snapshot.torn ? [...snapshot.damaged, { ...snapshot.torn, reason: 'cut off', documentIds: [] }] : snapshot.damaged
  if (snapshotLines.length > 0) damage.push({ file: snapshotPath, lines: snapshotLines })
  if (journal.damaged.length > 0) damage.push({ file: journalPath, lines: journal.damaged })

  const recovered = new Set<string>()
  const possiblyLost = new Set<string>()
  for (const { file, lines } of damage) {
    for (const { line, documentIds } of lines) {
      // The journal is replayed over the snapshot: any intact journal record comes later than a snapshot line.
      const later = journal.records.filter((record) => file !== journalPath || record.line > line)
      for (const id of documentIds) {
        if (later.some(({ value }) => value.changes.some((change) => change.id === id))) recovered.add(id)
        else possiblyLost.add(id)
      }
    }
  }
  return {
    documents,
    damage,
    recovered: [...recovered].filter((id) => !possiblyLost.has(id)),
    possiblyLost: [...possiblyLost],
    lostTransactions: damage.flatMap(({ lines }) => lines.flatMap(({ transactionId }) => (transactionId ? [transactionId] : []))),
  }
}

/** Renames the files once their documents are safely in the database, so they are not read again. */
export function retireLegacyFiles(dataDir: string): void {
  for (const file of LEGACY_FILES) {
    const from = path.join(dataDir, file)
    if (fs.existsSync(from)) fs.renameSync(from, `${from}.migrated`)
  }
}

function readFile(file: string): Buffer {
  return fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0)
}

function isDocument(value: unknown): value is LakeDocument {
  return typeof value === 'object' && value !== null && typeof (value as LakeDocument)._id === 'string'
}

function isJournalEntry(value: unknown): value is JournalEntry {
  return typeof value === 'object' && value !== null && Array.isArray((value as JournalEntry).changes)
}
