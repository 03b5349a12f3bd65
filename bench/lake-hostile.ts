/**
 * What one hostile anonymous query costs the lake, and whether others are answered meanwhile:
 * `npx tsx bench/lake-hostile.ts [ITEMS]`. Starts the lake (`sanity/lake/main.ts` under
 * LAKE_ROOT, default this checkout, so an older checkout can be measured the same way) in a
 * process of its own on an empty data dir, writes ITEMS documents (default 1,000), then sends each
 * hostile query while a cheap query is asked every 50 ms. Prints, per query: how it ended and
 * after how long, the lake's peak resident memory over its idle level, and the cheap queries'
 * answers during it (count, slowest). A query still running after CAP_MS is abandoned.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnLakeCommand } from '../tests/harness/lakeCommand'
import { treeRssMiB } from './processTree'

const ITEMS = Number(process.argv[2] ?? 1000)
const CAP_MS = 40_000
const PROBE_EVERY_MS = 50
const root = path.resolve(process.env.LAKE_ROOT ?? path.resolve(import.meta.dirname, '..'))
const TOKEN = 'bench-hostile-token'

const nested = (depth: number) => {
  let query = '*[_type == "item"]._id'
  for (let i = 0; i < depth; i++) query = `*[_id in ${query}]._id`
  return `count(${query})`
}
const HOSTILE: Record<string, string> = {
  'nested _id in, 3 deep': nested(3),
  'nested _id in, 12 deep': nested(12),
  'every pair and triple (cubic)': 'count(*[_type == "item"]{ "a": *[_id != ^._id]{ "b": *[_id != ^._id]._id } })',
  'a large result': '*[_type == "item"]{ "all": *[_type == "item"] }',
}

const startLake = (dataDir: string) => spawnLakeCommand({ dataDir, token: TOKEN, root })

const queryUrl = (url: string, query: string) =>
  `${url}/v2025-02-19/data/query/production?query=${encodeURIComponent(query)}&returnQuery=false`

async function seed(url: string) {
  const mutations = Array.from({ length: ITEMS }, (_, i) => ({
    create: { _id: `item-${i}`, _type: 'item', n: i % 7, body: 'x'.repeat(200) },
  }))
  const response = await fetch(`${url}/v2025-02-19/data/mutate/production`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ mutations }),
  })
  if (!response.ok) throw new Error(`seeding failed: ${response.status} ${await response.text()}`)
}

async function measure(url: string, pid: number, query: string) {
  const idle = treeRssMiB(pid)
  let peak = idle
  const probes: number[] = []
  let unanswered = 0
  let running = true
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRssMiB(pid))
  }, PROBE_EVERY_MS)
  const prober = (async () => {
    while (running) {
      const started = performance.now()
      const answered = await fetch(queryUrl(url, '*[_id == "item-1"][0].n'), { signal: AbortSignal.timeout(CAP_MS) }).then(
        (r) => r.ok,
        () => false,
      )
      // A cheap query sent while the hostile one ran counts however long it waited.
      if (answered) probes.push(performance.now() - started)
      else unanswered++
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS))
    }
  })()
  const started = performance.now()
  const outcome = await fetch(queryUrl(url, query), { signal: AbortSignal.timeout(CAP_MS) }).then(
    async (r) => `${r.status} ${r.ok ? 'answered' : ((await r.json()) as { error?: { type?: string } }).error?.type}`,
    () => `no answer within ${CAP_MS / 1000} s`,
  )
  const elapsed = performance.now() - started
  running = false
  clearInterval(sampler)
  await prober
  return { outcome, elapsed, peakOverIdle: peak - idle, probes, unanswered }
}

console.log(`Lake from ${root}, ${ITEMS} documents; a cheap query every ${PROBE_EVERY_MS} ms alongside each hostile one.\n`)
// A fresh lake for each query: one still busy with an abandoned query would answer nothing more.
for (const [name, query] of Object.entries(HOSTILE)) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-'))
  const { child, url } = await startLake(dataDir)
  try {
    await seed(url)
    const { outcome, elapsed, peakOverIdle, probes, unanswered } = await measure(url, child.pid as number, query)
    const slowest = probes.length > 0 ? `slowest ${(Math.max(...probes) / 1000).toFixed(2)} s` : ''
    console.log(
      `${name.padEnd(30)} ${outcome.padEnd(26)} ${(elapsed / 1000).toFixed(2).padStart(6)} s   peak memory +${peakOverIdle.toFixed(0).padStart(5)} MiB   ` +
        `cheap queries: ${probes.length} answered ${slowest}, ${unanswered} not answered`,
    )
  } finally {
    child.kill('SIGKILL')
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
