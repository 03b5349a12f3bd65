/**
 * Hostile content against the production build: the site as readers get it (tests/harness/site.ts),
 * with the hostile corpus of the end-to-end suite stored in its lake. Requests the heaviest stories'
 * first renders together with the home page and a feed, then every page and feed the corpus
 * reaches, twice. Prints each latency and size against the 2 s target and exits non-zero on a miss
 * or a status other than 200.
 *
 * The harness runs the lake in this process, where its queries would hold up the clock of a
 * request they do not serve; requests are timed in a worker thread of their own instead.
 */
import { Worker } from 'node:worker_threads'
import { HOSTILE_ARTICLES, HOSTILE_PATHS, HOSTILE_SUPPORT } from '../tests/e2e/hostileCorpus'
import { lakeClient } from '../tests/harness/lake'
import { startSite } from '../tests/harness/site'

const TARGET_MS = 2_000
const HEAVY = ['deep-list-level', 'nested-marks', 'many-spans', 'huge-body', 'huge-standfirst'].map((slug) => `/articles/${slug}`)

type Timed = { path: string; status: number; ms: number; bytes: number }

// Plain JavaScript, evaluated in the worker: each batch of paths requested together, batch after batch.
const TIMER = `
const { parentPort, workerData } = require('node:worker_threads')
async function timed(path) {
  const started = performance.now()
  const response = await fetch(workerData.siteUrl + path)
  const bytes = (await response.arrayBuffer()).byteLength
  return { path, status: response.status, ms: performance.now() - started, bytes }
}
;(async () => {
  const results = []
  for (const batch of workerData.batches) results.push(await Promise.all(batch.map(timed)))
  parentPort.postMessage(results)
})()
`

/** Each batch's requests made at once, the batches one after another, timed in a worker thread. */
function timedBatches(siteUrl: string, batches: string[][]): Promise<Timed[][]> {
  return new Promise((done, fail) => {
    const worker = new Worker(TIMER, { eval: true, workerData: { siteUrl, batches } })
    worker.once('message', (results: Timed[][]) => {
      done(results)
      void worker.terminate()
    })
    worker.once('error', fail)
  })
}

const row = (label: string, t: Timed) =>
  `${label.padEnd(9)} ${decodeURIComponent(t.path).padEnd(52)} ${String(t.status).padStart(4)} ${t.ms.toFixed(0).padStart(7)} ms ${(t.ms / TARGET_MS).toFixed(2).padStart(6)} ${(t.bytes / 1024).toFixed(1).padStart(9)} KiB`

const site = await startSite()
const misses: string[] = []
const check = (label: string, t: Timed) => {
  console.log(row(label, t))
  if (t.status !== 200 || t.ms > TARGET_MS) misses.push(`${label} ${t.path}: ${t.status} in ${t.ms.toFixed(0)} ms`)
}
try {
  const lake = lakeClient(site.lake.url, site.lake.token)
  const transaction = lake.transaction()
  for (const doc of [...HOSTILE_SUPPORT, ...HOSTILE_ARTICLES] as Array<{ _id: string; _type: string }>) transaction.createOrReplace(doc)
  await transaction.commit()

  // First, the heaviest stories' first renders together with the home page and a feed: the rest of
  // the site must keep serving while they render. Then every address in turn: its first request (a
  // render, unless the burst made it) and a reader's after it.
  console.log(
    `${'request'.padEnd(9)} ${'path'.padEnd(52)} ${'code'.padStart(4)} ${'latency'.padStart(10)} ${'/ 2 s'.padStart(6)} ${'size'.padStart(13)}`,
  )
  const [together = [], ...inTurn] = await timedBatches(site.siteUrl, [
    [...HEAVY, '/', '/feeds/rss.xml'],
    ...HOSTILE_PATHS.flatMap((path) => [[path], [path]]),
  ])
  for (const t of together) check('together', t)
  for (const [i, [t]] of inTurn.entries()) if (t) check(i % 2 === 0 ? 'first' : 'again', t)
} finally {
  await site.stop()
}

console.log(misses.length === 0 ? `\nEvery request answered 200 within ${TARGET_MS} ms.` : `\nMissed:\n${misses.join('\n')}`)
process.exit(misses.length === 0 ? 0 : 1)
