/**
 * The lake's storage alone (sanity/lake/storage/documentTable.ts), on a synthetic archive: what a
 * commit costs under each SQLite durability setting, next to the append-and-fdatasync of the
 * journal it replaced; and what reading a document costs from SQLite (a prepared statement and
 * JSON.parse) next to a lookup in memory, a full scan, and word look-ups.
 *
 *   tsx bench/lake-storage.ts [--articles 20000]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DocumentTable } from '../sanity/lake/storage/documentTable'
import type { LakeDocument } from '../sanity/lake/storage/store'
import { indexableTerms } from '../sanity/lake/storage/textIndex'
import { generateArchive } from './generate-archive'
import { median } from './stats'

const COMMITS = 200
const READS = 20_000

const at = process.argv.indexOf('--articles')
const articles = at === -1 ? 20_000 : Number(process.argv[at + 1])
const docs = generateArchive({ articles })
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-storage-bench-'))

function writeAll(table: DocumentTable, batch: LakeDocument[]) {
  table.transaction(() => {
    for (const doc of batch) {
      const position = table.write(doc._id, doc, new Set(), new Set()) as number
      table.words.update(position, undefined, doc)
    }
  })
}

/** Single-document transactions, each acknowledged as the lake does (commit returns once durable). */
function commitTimes(table: DocumentTable, from: LakeDocument[]): number[] {
  return from.slice(0, COMMITS).map((doc, i) => {
    const started = performance.now()
    writeAll(table, [{ ...doc, _id: `bench-${i}` }])
    return performance.now() - started
  })
}

console.log(`Lake storage: ${docs.length} documents (${articles} articles); ${os.cpus().length} CPUs, Node ${process.version}`)
console.log('\nOne-document transaction, median of', COMMITS, '(ms):')
const modes = [
  { name: 'WAL, synchronous=FULL (the lake)', journal: 'WAL', synchronous: 'FULL' },
  { name: 'WAL, synchronous=NORMAL', journal: 'WAL', synchronous: 'NORMAL' },
  { name: 'rollback journal, synchronous=FULL', journal: 'DELETE', synchronous: 'FULL' },
]
const articleDocs = docs.filter((doc) => doc._type === 'article')
for (const mode of modes) {
  const file = path.join(dir, `${mode.journal}-${mode.synchronous}.sqlite`)
  const table = DocumentTable.open(file)
  table.database.exec(`PRAGMA journal_mode = ${mode.journal}; PRAGMA synchronous = ${mode.synchronous}`)
  console.log(`  ${mode.name.padEnd(40)} ${median(commitTimes(table, articleDocs)).toFixed(2)}`)
  table.close()
}
const journalFile = path.join(dir, 'journal.ndjson')
const fd = fs.openSync(journalFile, 'a')
const appends = articleDocs.slice(0, COMMITS).map((doc) => {
  const line = Buffer.from(`${JSON.stringify({ transactionId: 'x', changes: [{ id: doc._id, document: doc }] })}\n`)
  const started = performance.now()
  fs.writeSync(fd, line)
  fs.fdatasyncSync(fd)
  return performance.now() - started
})
fs.closeSync(fd)
console.log(`  ${'journal line + fdatasync (before)'.padEnd(40)} ${median(appends).toFixed(2)}`)

const file = path.join(dir, 'archive.sqlite')
const table = DocumentTable.open(file)
let started = performance.now()
for (let i = 0; i < docs.length; i += 1_000) writeAll(table, docs.slice(i, i + 1_000))
const loadMs = performance.now() - started
const bytes = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0)
console.log(
  `\nArchive written in transactions of 1,000 with words: ${(loadMs / 1000).toFixed(1)} s; ${Math.round(bytes / 2 ** 20)} MB on disk`,
)

const ids = Array.from({ length: READS }, (_, i) => (docs[(i * 7919) % docs.length] as LakeDocument)._id)
const inMemory = new Map(docs.map((doc) => [doc._id, doc]))
const time = (label: string, read: (id: string) => unknown) => {
  const startedAt = performance.now()
  for (const id of ids) read(id)
  console.log(`  ${label.padEnd(40)} ${(((performance.now() - startedAt) / READS) * 1000).toFixed(1)} µs`)
}
console.log(`\nReading one document by id, mean of ${READS}:`)
time('Map.get (in memory, before)', (id) => inMemory.get(id))
time('SQLite + checksum + JSON.parse (now)', (id) => table.get(id))
started = performance.now()
let count = 0
for (const _ of table.all()) count++
console.log(`\nFull scan of ${count} documents from SQLite, parsed: ${Math.round(performance.now() - started)} ms`)
started = performance.now()
const keys = [...table.keys()].length
console.log(`Keys of ${keys} documents (what start-up reads): ${Math.round(performance.now() - started)} ms`)
console.log('\nWord look-ups (documents found, ms):')
for (const pattern of ['synthetic', 'export*', 'coal', 'zeppelin']) {
  const terms = indexableTerms(pattern) ?? []
  const at = performance.now()
  const found = table.words.keysMatching(terms).size
  console.log(`  ${pattern.padEnd(12)} ${String(found).padStart(8)} ${(performance.now() - at).toFixed(2).padStart(8)}`)
}
table.close()
fs.rmSync(dir, { recursive: true, force: true })
