/**
 * Load with revisions (reliability issue): three bounded autocannon runs of 60 s at 100
 * connections against a mix of article, home, data page and feed URLs of a production build,
 * while a signed webhook revises a figure every second. `--edge` sends the load through the
 * nginx edge (the production shape) instead of straight to `next start`. Prints per run the request rate, p99,
 * 5xx and connection errors, and the server's memory before and after; exits non-zero on any
 * 5xx or connection error, if a revision made after a run takes more than 5 s to reach readers, or
 * if memory after the third run exceeds the first by more than 20%.
 */
import autocannon from 'autocannon'
import { formatUsd } from '../lib/figures/money'
import { startEdge } from '../scripts/edge'
import { REFERENCE_STORY } from '../tests/harness/referenceStory'
import { reviseMarchImports, waitForText } from '../tests/harness/revision'
import { freePort, startSite } from '../tests/harness/site'
import { treeRssMiB } from './processTree'

const RUNS = 3
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60)
const CONNECTIONS = 100
const PATHS = ['/articles/nk-imports-from-china-spike-in-march', '/', '/data/north-korea-imports-from-china', '/feeds/rss.xml']

const site = await startSite()
const edge = process.argv.includes('--edge')
  ? await startEdge({ port: await freePort(), upstreams: [new URL(site.siteUrl).host] })
  : undefined
const target = edge?.url ?? site.siteUrl
let failed = false
try {
  const paths: string[] = []
  for (const path of PATHS) if ((await fetch(`${target}${path}`)).ok) paths.push(path)
  console.log(
    `${edge ? 'through the nginx edge' : 'straight to next start'}; mix: ${paths.join(', ')}; ${RUNS} runs of ${SECONDS} s at ${CONNECTIONS} connections, a revision every second`,
  )
  const memory: number[] = []
  for (let run = 1; run <= RUNS; run++) {
    const before = treeRssMiB(site.serverPid)
    let revision = 0
    let lastRevision: Promise<void> = Promise.resolve()
    const reviser = setInterval(() => {
      revision++
      lastRevision = reviseMarchImports(site, 12_980_000 + revision * 1_000)
    }, 1_000)
    const result = await autocannon({
      url: target,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: paths.map((path) => ({ method: 'GET', path })),
    })
    clearInterval(reviser)
    // One still in flight would land after the check's own revision and undo it.
    await lastRevision
    // Under that load, does a revision still reach readers within 5 s?
    const final = 14_000_000 + run * 10_000
    await reviseMarchImports(site, final)
    const freshMs = await waitForText(`${target}${REFERENCE_STORY}`, formatUsd(final), 5_000).catch(() => Number.POSITIVE_INFINITY)
    const after = treeRssMiB(site.serverPid)
    memory.push(after)
    const serverErrors = result['5xx']
    console.log(
      `run ${run}: ${result.requests.average.toFixed(0)} req/s, ${result.requests.total} requests, p99 ${result.latency.p99} ms, 5xx ${serverErrors}, connection errors ${result.errors}, timeouts ${result.timeouts}, ${revision} revisions, memory ${before.toFixed(0)} → ${after.toFixed(0)} MiB, a revision after the run reached readers in ${freshMs.toFixed(0)} ms`,
    )
    if (serverErrors > 0 || result.errors > 0 || result.timeouts > 0 || freshMs > 5_000) failed = true
  }
  const growth = (memory.at(-1) ?? 0) / (memory[0] ?? 1)
  console.log(`memory after run ${RUNS} / after run 1: ${growth.toFixed(2)} (target ≤ 1.20)`)
  if (growth > 1.2) failed = true
} finally {
  await edge?.stop()
  await site.stop()
}
process.exit(failed ? 1 : 0)
