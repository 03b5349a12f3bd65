/**
 * The lake's command line started without the lake's V8 flags (as `npm run lake` starts it, through
 * tsx) starts itself again with them (sanity/lake/nodeFlags.ts): stopped, the lake shuts down cleanly
 * and the launcher exits as it does; killed outright, the launcher takes the lake with it rather
 * than leave it holding the data dir and port with no one to stop it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { spawnLakeCommand } from '../harness/lakeCommand'

const TOKEN = 'relaunch-test-token'
const cleanups: (() => void)[] = []

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

async function launch() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-relaunch-'))
  const lake = await spawnLakeCommand({ dataDir, token: TOKEN, nodeFlags: [] })
  cleanups.push(() => {
    if (lake.child.exitCode === null && lake.child.signalCode === null) lake.child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
  return { ...lake, dataDir }
}

const answers = (url: string) =>
  fetch(`${url}/health`).then(
    (response) => response.ok,
    () => false,
  )

/** Whether the lake stops answering within a few seconds (it ends on its own turn of the event loop). */
async function stopsAnswering(url: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (!(await answers(url))) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return false
}

test('stopped with SIGTERM, the relaunched lake shuts down cleanly and the launcher exits 0', async () => {
  const { child, url, dataDir } = await launch()
  expect(await answers(url)).toBe(true)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGTERM')
  expect(await exited).toBe(0)
  expect(await answers(url)).toBe(false)
  // A clean shutdown gives the data dir back.
  expect(fs.existsSync(path.join(dataDir, 'lock'))).toBe(false)
})

test('with its launcher killed outright, the relaunched lake ends too', async () => {
  const { child, url } = await launch()
  expect(await answers(url)).toBe(true)
  child.kill('SIGKILL')
  expect(await stopsAnswering(url)).toBe(true)
})
