/**
 * Damage to the lake's data. In its database: a document whose stored bytes changed, or a damaged
 * page, stops the lake with a message naming the file, the row and what to do, keeps a copy, and
 * is undone only by `lake:repair`, which keeps every intact document and reports what was lost.
 * In the files of a data dir from before the database (snapshot and journal, moved into the
 * database on first start): a write cut off by a crash (never acknowledged) is dropped, while
 * damage to acknowledged records stops the move until repaired, in the same way.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, test } from 'vitest'
import { startLake } from '../../sanity/lake/lake'
import { encodeRecord } from '../../sanity/lake/storage/records'
import { DocumentStore, StoreDamagedError } from '../../sanity/lake/storage/store'
import { lakeClient } from '../harness/lake'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const TOKEN = 'journal-damage-token'
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A data dir written by the lake, one acknowledged transaction per memo, in order (the lake was closed, not reopened). */
async function lakeWith(memos: { id: string; title: string }[]): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-damage-'))
  dirs.push(dataDir)
  const lake = await startLake({ port: 0, dataDir, token: TOKEN })
  const client = lakeClient(lake.url, TOKEN)
  for (const { id, title } of memos) await client.createOrReplace({ _id: id, _type: 'memo', title })
  await lake.close()
  return dataDir
}

/** A data dir as a lake from before the database left it: a journal with one transaction per memo. */
function journalOf(memos: { id: string; title: string }[]): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-damage-legacy-'))
  dirs.push(dataDir)
  const records = memos.map(({ id, title }, i) =>
    encodeRecord({
      transactionId: `tx${i}`,
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      changes: [{ id, document: { _id: id, _type: 'memo', _rev: `tx${i}`, title } }],
    }),
  )
  fs.writeFileSync(journal(dataDir), records.join(''))
  return dataDir
}

const journal = (dataDir: string) => path.join(dataDir, 'journal.ndjson')

/** Changes one character of a record's JSON on line `n` (1-based), keeping the line whole: bit rot, not a tear. */
function damageLine(file: string, n: number) {
  const all = fs.readFileSync(file, 'utf8').split('\n')
  all[n - 1] = (all[n - 1] as string).replace(/"title":"(.)/, (_, c: string) => `"title":"${c === 'X' ? 'Y' : 'X'}`)
  fs.writeFileSync(file, all.join('\n'))
}

async function titles(dataDir: string): Promise<Record<string, string>> {
  const lake = await startLake({ port: 0, dataDir, token: TOKEN })
  try {
    const docs = await lakeClient(lake.url, TOKEN).fetch<{ _id: string; title: string }[]>('*[_type == "memo"] | order(_id)')
    return Object.fromEntries(docs.map((doc) => [doc._id, doc.title]))
  } finally {
    await lake.close()
  }
}

async function refusal(dataDir: string): Promise<StoreDamagedError> {
  const failure = await startLake({ port: 0, dataDir, token: TOKEN }).then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(failure).toBeInstanceOf(StoreDamagedError)
  return failure as StoreDamagedError
}

const MEMOS = [
  { id: 'a', title: 'First' },
  { id: 'b', title: 'Second' },
  { id: 'c', title: 'Third' },
  { id: 'a', title: 'First, revised' },
]

test('a transaction cut off before it was acknowledged is dropped, and the documents move into the database', async () => {
  const dataDir = journalOf(MEMOS)
  fs.appendFileSync(journal(dataDir), '0badc0de {"transactionId":"torn","timestamp":"2021-04-19T00:00:00Z","changes":[{"id":"d"')
  expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second', c: 'Third' })
  expect(fs.existsSync(journal(dataDir))).toBe(false)
  expect(fs.existsSync(`${journal(dataDir)}.migrated`)).toBe(true)
  // Moved once: the next start reads the database alone.
  expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second', c: 'Third' })
})

/** Changes the first byte of `needle` where the database file holds it: a document's bytes damaged on disk. */
function damageDatabase(dataDir: string, needle: string) {
  const file = path.join(dataDir, 'lake.sqlite')
  const bytes = fs.readFileSync(file)
  const at = bytes.indexOf(needle)
  expect(at).toBeGreaterThan(0)
  bytes[at] = (bytes[at] as number) ^ 0x20
  fs.writeFileSync(file, bytes)
}

describe('damage to the database', () => {
  test('to a document stops the lake, names the row, document and what to do, and repair keeps the rest', async () => {
    const dataDir = await lakeWith(MEMOS)
    damageDatabase(dataDir, '"title":"Second"')
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await refusal(dataDir)
      expect(error.message).toMatch(/lake\.sqlite is damaged at row \d+ \(document b\): checksum mismatch/)
      expect(error.message).toContain('npm run lake:repair')
      expect(error.quarantined).toHaveLength(1)
    }
    expect(fs.readdirSync(path.join(dataDir, 'quarantine'))).toHaveLength(1)
    const report = DocumentStore.repair(dataDir)
    expect(report.possiblyLost).toEqual(['b'])
    expect(report.documents).toBe(2)
    expect(await titles(dataDir)).toEqual({ a: 'First, revised', c: 'Third' })
    expect(DocumentStore.repair(dataDir).damage).toEqual([])
  })

  test("to the file's structure stops the lake, and repair keeps every document it can still read", async () => {
    const dataDir = await lakeWith(MEMOS)
    const file = path.join(dataDir, 'lake.sqlite')
    const bytes = fs.readFileSync(file)
    // A page of the file overwritten: SQLite's own check finds it.
    const page = bytes.readUInt16BE(16) === 1 ? 65_536 : bytes.readUInt16BE(16)
    const lastPage = bytes.length / page - 1
    bytes.fill(0x55, lastPage * page + 8, (lastPage + 1) * page)
    fs.writeFileSync(file, bytes)
    const error = await refusal(dataDir)
    expect(error.message).toContain(`${file} is damaged`)
    const report = DocumentStore.repair(dataDir)
    expect(report.damage).not.toEqual([])
    expect(DocumentStore.repair(dataDir).damage).toEqual([])
    const kept = await titles(dataDir)
    for (const id of Object.keys(kept)) expect(report.possiblyLost).not.toContain(id)
  })
})

test('npm run lake:repair names the damaged row and document of the database', async () => {
  const dataDir = await lakeWith(MEMOS)
  damageDatabase(dataDir, '"title":"Third"')
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'sanity/lake/storage/repair-cli.ts', dataDir], {
    cwd: repoRoot,
  })
  expect(stdout).toMatch(/Dropped .*lake\.sqlite at row \d+ \(document c\): checksum mismatch; it named documents c\n/)
  expect(stdout).toMatch(/older state.*: c\n/)
  expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second' })
})

describe('damage to acknowledged records in a journal from before the database', () => {
  const cases = [
    { where: 'the last journal line', file: journal, line: 4 },
    { where: 'a middle journal line', file: journal, line: 2 },
  ]
  test.each(cases)('in $where stops the lake, names the line and what to do, and keeps the journal as it was', async ({ file, line }) => {
    const dataDir = journalOf(MEMOS)
    damageLine(file(dataDir), line)
    const damaged = fs.readFileSync(file(dataDir))
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await refusal(dataDir)
      expect(error.message).toContain(`${file(dataDir)} is damaged at line ${line}`)
      expect(error.message).toContain('checksum mismatch')
      expect(error.message).toContain('npm run lake:repair')
      // Nothing compacted away: the journal is as it was, and a copy is kept aside (once).
      expect(fs.readFileSync(file(dataDir)).equals(damaged)).toBe(true)
      expect(error.quarantined).toHaveLength(1)
      expect(fs.readFileSync(error.quarantined[0] as string).equals(damaged)).toBe(true)
    }
    expect(fs.readdirSync(path.join(dataDir, 'quarantine'))).toHaveLength(1)
  })

  test('repair keeps every intact record and reports what a damaged middle line lost', async () => {
    const dataDir = journalOf(MEMOS)
    damageLine(journal(dataDir), 2)
    await refusal(dataDir)
    const report = DocumentStore.repair(dataDir)
    expect(report.damage).toMatchObject([{ file: journal(dataDir), lines: [{ line: 2, reason: 'checksum mismatch' }] }])
    expect(report.possiblyLost).toEqual(['b'])
    expect(report.lostTransactions).toHaveLength(1)
    expect(report.documents).toBe(2)
    expect(await titles(dataDir)).toEqual({ a: 'First, revised', c: 'Third' })
    // Repaired once: the next repair finds nothing.
    expect(DocumentStore.repair(dataDir).damage).toEqual([])
  })

  test('a damaged line whose documents a later record rewrote loses nothing current', async () => {
    const dataDir = journalOf(MEMOS)
    damageLine(journal(dataDir), 1)
    const report = DocumentStore.repair(dataDir)
    expect(report.recovered).toEqual(['a'])
    expect(report.possiblyLost).toEqual([])
    expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second', c: 'Third' })
  })

  test('damage to the snapshot stops the lake too, and repair keeps the other documents', async () => {
    const dataDir = journalOf([])
    const snapshot = path.join(dataDir, 'snapshot.ndjson')
    fs.writeFileSync(
      snapshot,
      MEMOS.slice(0, 3)
        .map(({ id, title }) => encodeRecord({ _id: id, _type: 'memo', title }))
        .join(''),
    )
    damageLine(snapshot, 2)
    const error = await refusal(dataDir)
    expect(error.message).toContain(`${snapshot} is damaged at line 2`)
    const report = DocumentStore.repair(dataDir)
    expect(report.possiblyLost).toEqual(['b'])
    expect(await titles(dataDir)).toEqual({ a: 'First', c: 'Third' })
  })
})

test('journal lines written before checksums are still read', async () => {
  const dataDir = journalOf([])
  const legacy = {
    transactionId: 'old',
    timestamp: '2021-04-19T00:00:00Z',
    changes: [{ id: 'old', document: { _id: 'old', _type: 'memo', title: 'Old' } }],
  }
  fs.writeFileSync(journal(dataDir), `${JSON.stringify(legacy)}\n`)
  expect(await titles(dataDir)).toEqual({ old: 'Old' })
})

test('npm run lake:repair reports the damaged line and what it lost', async () => {
  const dataDir = journalOf(MEMOS)
  damageLine(journal(dataDir), 3)
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'sanity/lake/storage/repair-cli.ts', dataDir], {
    cwd: repoRoot,
  })
  expect(stdout).toContain(`Dropped ${journal(dataDir)} at line 3`)
  expect(stdout).toContain('documents c')
  expect(stdout).toMatch(/older state.*: c\n/)
  expect(fs.readdirSync(path.join(dataDir, 'quarantine'))).toHaveLength(1)
  expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second' })
})

test('a damaged line in a history log from before the database loses that transaction only, not the ones after it', async () => {
  const dataDir = journalOf(MEMOS)
  const history = path.join(dataDir, 'history.ndjson')
  const entries = MEMOS.map(({ id, title }, i) => {
    const after = { _id: id, _type: 'memo', _rev: `tx${i}`, title }
    return encodeRecord({
      id: `tx${i}`,
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      changes: [{ id, before: null, after, mutations: [] }],
    })
  })
  fs.writeFileSync(history, entries.join(''))
  damageLine(history, 2)
  const lake = await startLake({ port: 0, dataDir, token: TOKEN })
  try {
    const response = await fetch(`${lake.url}/v2025-02-19/data/history/production/transactions/a,b,c`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    })
    const kept = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line).documentIDs)
    expect(kept).toEqual([['a'], ['c'], ['a']])
  } finally {
    await lake.close()
  }
  expect(fs.existsSync(`${history}.migrated`)).toBe(true)
})
