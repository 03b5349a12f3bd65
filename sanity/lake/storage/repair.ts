import fs from 'node:fs'
import path from 'node:path'
import { databaseFiles, quarantine, type RepairReport } from './damage'
import { DocumentTable } from './documentTable'
import type { DamagedRecord } from './records'
import type { LakeDocument } from './store'

/** Rows missing in a row before a salvage that cannot list a damaged table's rows stops looking. */
const SALVAGE_GAP = 10_000

/**
 * Replaces a damaged database with one of its intact documents: copies the damaged files aside,
 * writes what can be read to a new database put in place of the old, and reports the documents
 * the check or the table's index of ids names that could not be kept. Returns the new table.
 */
export function repairDatabase(
  dataDir: string,
  table: DocumentTable,
  damaged: DamagedRecord[],
): { table: DocumentTable; report: Omit<RepairReport, 'documents'> } {
  const { file } = table
  const quarantined = quarantine(dataDir, databaseFiles(file))
  table.close()
  const { documents, named } = salvage(file)
  rebuild(file, documents)
  const kept = new Set(documents.map((doc) => doc._id))
  const lost = [...damaged.flatMap(({ documentIds }) => documentIds), ...named].filter((id) => !kept.has(id))
  return {
    table: DocumentTable.open(file),
    report: { damage: [{ file, lines: damaged }], quarantined, lostTransactions: [], possiblyLost: [...new Set(lost)], recovered: [] },
  }
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
    table.replaceAll(documents)
    table.database.exec('PRAGMA journal_mode = DELETE')
  } finally {
    table.close()
  }
  fsync(next)
  for (const old of databaseFiles(file).slice(1)) fs.rmSync(old, { force: true })
  fs.renameSync(next, file)
  fsync(path.dirname(file))
}

function fsync(fileOrDir: string) {
  const fd = fs.openSync(fileOrDir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
