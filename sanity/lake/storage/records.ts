import { crc32 } from 'node:zlib'

/**
 * The line format of the lake's files from before its database (journal, snapshot and history
 * log), read once to move them into it (legacyFiles.ts, history/log.ts): one record per line, its JSON
 * preceded by the CRC-32 of that JSON, as a write-ahead log frames its records (SQLite's WAL,
 * etcd's), so that damage to a record is told from a record that was never finished:
 *
 *   3f2a9c01 {"transactionId":"…",…}\n
 *
 * A record is acknowledged only once its whole line, newline included, is on disk. So a last
 * line without its newline is a torn write (dropped: nobody was told it was kept), while a
 * complete line whose checksum fails is acknowledged data that was damaged afterwards.
 * Lines written before checksums (a bare JSON object) are read as they were: valid if they parse.
 * The lake writes no such line any more; `encodeRecord` stays as the format's writer for the tests
 * of the move.
 */
export function encodeRecord(value: unknown): string {
  const json = JSON.stringify(value)
  return `${checksum(json)} ${json}\n`
}

const checksum = (json: string) => crc32(json).toString(16).padStart(8, '0')
const FRAMED = /^([0-9a-f]{8}) /

export type DamagedRecord = {
  /** 1-based line number in the file. */
  line: number
  /** Byte offset of the line's start. */
  offset: number
  reason: string
  /** What the damaged text still names, for the report of what is lost. */
  transactionId?: string
  documentIds: string[]
}

export type ParsedRecords<T> = {
  /** Intact records, with where their line lies in the file. */
  records: { line: number; offset: number; length: number; value: T }[]
  damaged: DamagedRecord[]
  /** Bytes after the last complete line: a record torn off by a crash before it was acknowledged. */
  torn?: { line: number; offset: number; bytes: number }
  /** Bytes of whole lines (where a writer may append). */
  validLength: number
}

/** Reads every line of a file of records; `valid` tells whether a parsed value has the record's shape. */
export function parseRecords<T>(buffer: Buffer, valid: (value: unknown) => value is T): ParsedRecords<T> {
  const parsed: ParsedRecords<T> = { records: [], damaged: [], validLength: 0 }
  let offset = 0
  let line = 1
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset)
    if (newline === -1) {
      // Zeros left where a crash cut off an append are a tear too.
      parsed.torn = { line, offset, bytes: buffer.length - offset }
      break
    }
    const text = buffer.toString('utf8', offset, newline)
    if (text !== '') {
      const outcome = parseLine(text, valid)
      if ('value' in outcome) parsed.records.push({ line, offset, length: newline + 1 - offset, value: outcome.value })
      else parsed.damaged.push({ line, offset, reason: outcome.reason, ...namedIn(text) })
    }
    offset = newline + 1
    line++
  }
  parsed.validLength = offset
  return parsed
}

/** One line's record, or why it is not one. */
function parseLine<T>(text: string, valid: (value: unknown) => value is T): { value: T } | { reason: string } {
  const framed = FRAMED.exec(text)
  const json = framed ? text.slice(framed[0].length) : text
  if (framed && checksum(json) !== framed[1]) return { reason: 'checksum mismatch' }
  if (!framed && !text.startsWith('{')) return { reason: 'not a record' }
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return { reason: 'not valid JSON' }
  }
  return valid(value) ? { value } : { reason: 'not a record of this file' }
}

/** The ids a damaged line still shows: its transaction's (`"transactionId"`) and documents' (`"_id"`, `"id"`). */
function namedIn(text: string): { transactionId?: string; documentIds: string[] } {
  const transactionId = /"transactionId":"([A-Za-z0-9._-]{1,128})"/.exec(text)?.[1]
  const documentIds = new Set<string>()
  for (const match of text.matchAll(/"_?id":"([A-Za-z0-9._-]{1,128})"/g)) documentIds.add(match[1] as string)
  return { ...(transactionId ? { transactionId } : {}), documentIds: [...documentIds] }
}
