import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { lakeClient } from '../harness/lake'
import { spawnLakeCommand } from '../harness/lakeCommand'

const TOKEN = 'durability-test-token'
const cleanups: (() => Promise<void> | void)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function freshDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-durability-'))
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function startInProcess(dataDir: string): Promise<RunningLake> {
  const lake = await startLake({ port: 0, dataDir, token: TOKEN })
  cleanups.push(() => lake.close())
  return lake
}

function clientFor(url: string) {
  // A lake that was killed should fail the request at once, not after retries.
  return lakeClient(url, TOKEN).withConfig({ maxRetries: 0 })
}

/** Runs the lake's command line in a child process, killed when the test ends. */
async function spawnLake(dataDir: string) {
  const lake = await spawnLakeCommand({ dataDir, token: TOKEN })
  cleanups.push(() => {
    if (lake.child.exitCode === null && lake.child.signalCode === null) lake.child.kill('SIGKILL')
  })
  return lake
}

test('documents survive a restart on the same data dir, token included', async () => {
  const dataDir = freshDataDir()
  const first = await startLake({ port: 0, dataDir })
  const before = clientFor(first.url).withConfig({ token: first.token })
  await before.create({ _id: 'kept', _type: 'memo', title: 'Written' })
  await before.patch('kept').set({ title: 'Patched' }).commit()
  await before.create({ _id: 'removed', _type: 'memo' })
  await before.delete('removed')
  await first.close()

  const second = await startLake({ port: 0, dataDir })
  cleanups.push(() => second.close())
  expect(second.token).toBe(first.token)
  const after = clientFor(second.url).withConfig({ token: second.token })
  expect(await after.getDocument('kept')).toMatchObject({ title: 'Patched' })
  expect(await after.getDocument('removed')).toBeUndefined()
})

test('a second lake cannot open a data dir that one is running on', async () => {
  const dataDir = freshDataDir()
  await startInProcess(dataDir)
  await expect(startLake({ port: 0, dataDir })).rejects.toThrow(/in use/)
})

/** Four writers commit two-document transactions until the lake is killed under them; returns what was acknowledged. */
async function writeUntilKilled(dataDir: string, round: number, killAfter: number): Promise<string[]> {
  const { child, url } = await spawnLake(dataDir)
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const writer = clientFor(url)
  const acknowledged: string[] = []
  let killed = false
  const write = async (writerId: number) => {
    for (let i = 0; !killed; i++) {
      const pair = `pair-${round}-${writerId}-${i}`
      try {
        await writer
          .transaction()
          .create({ _id: `${pair}-a`, _type: 'pair', n: i })
          .create({ _id: `${pair}-b`, _type: 'pair', n: i })
          .commit()
      } catch {
        return
      }
      acknowledged.push(pair)
      if (acknowledged.length >= killAfter && !killed) {
        killed = true
        child.kill('SIGKILL')
      }
    }
  }
  await Promise.all([0, 1, 2, 3].map(write))
  await exited
  return acknowledged
}

test('every acknowledged transaction survives repeated kill -9, and none is half applied', { timeout: 120_000 }, async () => {
  const dataDir = freshDataDir()
  const acknowledged: string[] = []
  // Kills at different points of the stream, each on the journal the earlier kills left behind.
  for (const [round, killAfter] of [7, 60, 23, 41, 1, 88].entries()) {
    acknowledged.push(...(await writeUntilKilled(dataDir, round, killAfter)))
    const lake = await startLake({ port: 0, dataDir, token: TOKEN })
    const ids = new Set<string>(await clientFor(lake.url).fetch('*[_type == "pair"]._id'))
    await lake.close()
    for (const pair of acknowledged) {
      expect(ids).toContain(`${pair}-a`)
      expect(ids).toContain(`${pair}-b`)
    }
    for (const id of ids) expect(ids).toContain(id.endsWith('-a') ? id.replace(/-a$/, '-b') : id.replace(/-b$/, '-a'))
  }
  expect(acknowledged.length).toBeGreaterThanOrEqual(7 + 60 + 23 + 41 + 1 + 88)
})

test('a transaction torn off mid-write is dropped on restart, and writing goes on', async () => {
  const dataDir = freshDataDir()
  const { child, url } = await spawnLake(dataDir)
  await clientFor(url).create({ _id: 'whole', _type: 'memo' })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGKILL')
  await exited
  // What a crash in the middle of appending a transaction to the write-ahead log leaves: a frame without its end.
  fs.appendFileSync(path.join(dataDir, 'lake.sqlite-wal'), randomBytes(3_000))

  const second = await startInProcess(dataDir)
  const client = clientFor(second.url)
  expect(await client.fetch('*[_type == "memo"]._id')).toEqual(['whole'])
  await client.create({ _id: 'after-the-tear', _type: 'memo' })
  await second.close()

  const third = await startInProcess(dataDir)
  expect(await clientFor(third.url).fetch('*[_type == "memo"] | order(_id)._id')).toEqual(['after-the-tear', 'whole'])
})
