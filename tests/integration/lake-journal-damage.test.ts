/**
 * Damage to the lake's files: a write cut off by a crash (never acknowledged) is dropped, while
 * damage to acknowledged records stops the lake with a message naming the file, the line and
 * what to do, keeps a copy, and is undone only by `lake:repair`, which keeps every intact record
 * and reports what was lost.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, test } from 'vitest'
import { startLake } from '../../sanity/lake/lake'
import { DocumentStore, StoreDamagedError } from '../../sanity/lake/storage/store'
import { lakeClient } from '../harness/lake'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const TOKEN = 'journal-damage-token'
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
})

/** A data dir whose journal holds one acknowledged transaction per memo, in order (the lake was closed, not reopened). */
async function journalOf(memos: { id: string; title: string }[]): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-damage-'))
  dirs.push(dataDir)
  const lake = await startLake({ port: 0, dataDir, token: TOKEN })
  const client = lakeClient(lake.url, TOKEN)
  for (const { id, title } of memos) await client.createOrReplace({ _id: id, _type: 'memo', title })
  await lake.close()
  return dataDir
}

const journal = (dataDir: string) => path.join(dataDir, 'journal.ndjson')
const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)

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

test('a transaction cut off before it was acknowledged is dropped, and the lake starts', async () => {
  const dataDir = await journalOf(MEMOS)
  fs.appendFileSync(journal(dataDir), '0badc0de {"transactionId":"torn","timestamp":"2021-04-19T00:00:00Z","changes":[{"id":"d"')
  expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second', c: 'Third' })
})

describe('damage to acknowledged records', () => {
  const cases = [
    { where: 'the last journal line', file: journal, line: 4 },
    { where: 'a middle journal line', file: journal, line: 2 },
  ]
  test.each(cases)('in $where stops the lake, names the line and what to do, and keeps the journal as it was', async ({ file, line }) => {
    const dataDir = await journalOf(MEMOS)
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
    const dataDir = await journalOf(MEMOS)
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
    const dataDir = await journalOf(MEMOS)
    damageLine(journal(dataDir), 1)
    const report = DocumentStore.repair(dataDir)
    expect(report.recovered).toEqual(['a'])
    expect(report.possiblyLost).toEqual([])
    expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second', c: 'Third' })
  })

  test('damage to the snapshot stops the lake too, and repair keeps the other documents', async () => {
    const dataDir = await journalOf(MEMOS)
    expect(await titles(dataDir)).toHaveProperty('b')
    // Opening folded the journal into the snapshot: one line per document.
    const snapshot = path.join(dataDir, 'snapshot.ndjson')
    const at = lines(snapshot).findIndex((line) => line.includes('"_id":"b"')) + 1
    damageLine(snapshot, at)
    const error = await refusal(dataDir)
    expect(error.message).toContain(`${snapshot} is damaged at line ${at}`)
    const report = DocumentStore.repair(dataDir)
    expect(report.possiblyLost).toEqual(['b'])
    expect(await titles(dataDir)).toEqual({ a: 'First, revised', c: 'Third' })
  })
})

test('journal lines written before checksums are still read', async () => {
  const dataDir = await journalOf([])
  const legacy = {
    transactionId: 'old',
    timestamp: '2021-04-19T00:00:00Z',
    changes: [{ id: 'old', document: { _id: 'old', _type: 'memo', title: 'Old' } }],
  }
  fs.writeFileSync(journal(dataDir), `${JSON.stringify(legacy)}\n`)
  expect(await titles(dataDir)).toEqual({ old: 'Old' })
})

test('npm run lake:repair reports the damaged line and what it lost', async () => {
  const dataDir = await journalOf(MEMOS)
  damageLine(journal(dataDir), 3)
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'sanity/lake/storage/repair-cli.ts', dataDir], {
    cwd: repoRoot,
  })
  expect(stdout).toContain(`Dropped ${journal(dataDir)} line 3`)
  expect(stdout).toContain('documents c')
  expect(stdout).toMatch(/older state.*: c\n/)
  expect(fs.readdirSync(path.join(dataDir, 'quarantine'))).toHaveLength(1)
  expect(await titles(dataDir)).toEqual({ a: 'First, revised', b: 'Second' })
})

test('a damaged line in the history loses that transaction only, not the ones after it', async () => {
  const dataDir = await journalOf(MEMOS)
  const history = path.join(dataDir, 'history.ndjson')
  expect(lines(history)).toHaveLength(4)
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
})
