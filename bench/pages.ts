/**
 * Pages, measured side by side in one run with autocannon (50 connections, bounded runs). On a
 * shared machine one server's throughput drifts by 20% or more over a minute, so every server is
 * first warmed for 15 s (until V8 has optimised its hot paths), and then the servers compared are
 * measured back to back, forwards in one round and backwards in the next, over five rounds; the
 * median round's ratio counts:
 *   - a bare prerendered App Router page of the same size, built by the same Next.js (bench/bareApp.ts)
 *   - the same bare page in the site's shape: its next.config, proxy and a dynamic route, cached on
 *     first request (reported, not a target: it tells Next's cost for those apart from the page's)
 *   - the reference story through `next start`, its content cached
 *   - a plain Node static server sending the story's exact bytes
 *   - the story through the nginx edge (scripts/edge.ts)
 * plus the story's first render (a cache miss) and how long a revised figure takes to reach a
 * reader through the edge. Exits non-zero where a target is missed: the story at >= 90% of the bare
 * page's requests per second, through the edge at >= 50% of the static server's, zero errors, and
 * every revision through the edge within 5 s.
 */
import { spawn } from 'node:child_process'
import autocannon from 'autocannon'
import { formatUsd } from '@/lib/figures/money'
import { startEdge } from '../scripts/edge'
import { REFERENCE_STORY } from '../tests/harness/referenceStory'
import { reviseMarchImports, waitForText } from '../tests/harness/revision'
import { freePort, startSite } from '../tests/harness/site'
import { buildBareApp } from './bareApp'
import { median } from './stats'

const CONNECTIONS = 50
const WARMUP_SECONDS = 15
const RUN_SECONDS = 5
const ROUNDS = 5
const REVISIONS = 5
const FRESHNESS_TARGET_MS = 5_000
const TARGETS = { storyOverBare: 0.9, edgeOverStatic: 0.5 }
// What a bare Next.js page carries besides its text (scripts, RSC payload framing), measured here.
const BARE_PAGE_OVERHEAD_BYTES = 4_500

type Measured = { name: string; requestsPerSecond: number; p99: number; failures: number }
type Round = { bare: Measured; siteShaped: Measured; story: Measured; static: Measured; edge: Measured }

const storyOverBare = (round: Round) => round.story.requestsPerSecond / round.bare.requestsPerSecond
const storyOverSiteShaped = (round: Round) => round.story.requestsPerSecond / round.siteShaped.requestsPerSecond
const edgeOverStatic = (round: Round) => round.edge.requestsPerSecond / round.static.requestsPerSecond
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`

/** Measures servers back to back; odd rounds go in reverse, so a drift within the round favours none of them. */
async function measureInTurn(round: number, servers: [name: string, url: string][]): Promise<Measured[]> {
  const order = servers.map((_, index) => (round % 2 === 0 ? index : servers.length - 1 - index))
  const results: Measured[] = []
  for (const index of order) results[index] = await measure(...(servers[index] as [string, string]))
  return results
}

const warmUp = (url: string) => autocannon({ url, connections: CONNECTIONS, duration: WARMUP_SECONDS })

async function measure(name: string, url: string): Promise<Measured> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: RUN_SECONDS })
  return {
    name,
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  }
}

/** A plain Node HTTP server in its own process (so it does not share autocannon's thread) answering every request with `body`. */
async function startStaticServer(body: string) {
  const port = await freePort()
  const source = `
    const body = Buffer.from(process.env.BODY, 'utf8')
    require('node:http').createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
      res.end(body)
    }).listen(${port}, '127.0.0.1', () => console.log('ready'))`
  const server = spawn(process.execPath, ['-e', source], { env: { ...process.env, BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise((ready) => server.stdout.once('data', ready))
  return { url: `http://127.0.0.1:${port}/`, stop: () => server.kill('SIGTERM') }
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await work()
  return [result, performance.now() - started]
}

const site = await startSite()
const stops: (() => unknown)[] = [() => site.stop()]
try {
  const storyUrl = `${site.siteUrl}${REFERENCE_STORY}`
  const [story, firstRenderMs] = await timed(() => fetch(storyUrl).then((r) => r.text()))
  const [, otherMissMs] = await timed(() => fetch(`${site.siteUrl}/articles/sample-dandong-freight`).then((r) => r.text()))
  const storyBytes = Buffer.byteLength(story)

  const textLength = Math.max(0, Math.round((storyBytes - BARE_PAGE_OVERHEAD_BYTES) / 2))
  const bareApp = await buildBareApp({ textLength })
  stops.push(() => bareApp.remove())
  const bare = await bareApp.start(await freePort())
  stops.push(bare.stop)
  const siteShapedApp = await buildBareApp({ textLength, siteShaped: true })
  stops.push(() => siteShapedApp.remove())
  const siteShaped = await siteShapedApp.start(await freePort())
  stops.push(siteShaped.stop)
  const bareBytes = Buffer.byteLength(await fetch(bare.url).then((r) => r.text()))
  const staticServer = await startStaticServer(story)
  stops.push(staticServer.stop)
  const edge = await startEdge({ port: await freePort(), upstreams: [new URL(site.siteUrl).host] })
  stops.push(() => edge.stop())

  const urls = {
    bare: bare.url,
    siteShaped: siteShaped.url,
    story: storyUrl,
    static: staticServer.url,
    edge: `${edge.url}${REFERENCE_STORY}`,
  }
  for (const url of Object.values(urls)) await warmUp(url)
  const rounds: Round[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const [bareRun, shapedRun, storyRun] = (await measureInTurn(round, [
      ['bare page, next start', urls.bare],
      ["bare page, site's shape", urls.siteShaped],
      ['story, next start', urls.story],
    ])) as [Measured, Measured, Measured]
    const [staticRun, edgeRun] = (await measureInTurn(round, [
      ['static server, same bytes', urls.static],
      ['story through nginx', urls.edge],
    ])) as [Measured, Measured]
    rounds.push({ bare: bareRun, siteShaped: shapedRun, story: storyRun, static: staticRun, edge: edgeRun })
  }

  // A revision must reach readers of the cached page, straight from next start and through nginx.
  const freshness: number[] = []
  const originFreshness: number[] = []
  for (let i = 1; i <= REVISIONS; i++) {
    const value = 13_000_000 + i * 100_000
    await reviseMarchImports(site, value)
    const seen = await Promise.all([
      waitForText(`${edge.url}${REFERENCE_STORY}`, formatUsd(value), 3 * FRESHNESS_TARGET_MS),
      waitForText(storyUrl, formatUsd(value), 3 * FRESHNESS_TARGET_MS),
    ])
    freshness.push(seen[0])
    originFreshness.push(seen[1])
    await new Promise((r) => setTimeout(r, 1_000))
  }

  console.log(
    `\nPages: autocannon, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${RUN_SECONDS} s runs after ${WARMUP_SECONDS} s of warm-up per server`,
  )
  console.log(`story ${storyBytes} bytes of HTML, bare page ${bareBytes} bytes`)
  console.log(
    `story first render (cache miss, route cold): ${firstRenderMs.toFixed(0)} ms; another story's first render: ${otherMissMs.toFixed(0)} ms`,
  )
  rounds.forEach((round, index) => {
    console.log(`round ${index + 1}`)
    for (const run of Object.values(round)) {
      console.log(
        `  ${run.name.padEnd(28)} ${run.requestsPerSecond.toFixed(0).padStart(7)} req/s   p99 ${String(run.p99).padStart(5)} ms   errors ${run.failures}`,
      )
    }
    console.log(
      `  story / bare ${percent(storyOverBare(round))}, story / bare in the site's shape ${percent(storyOverSiteShaped(round))}, through nginx / static ${percent(edgeOverStatic(round))}`,
    )
  })
  const medianStoryOverBare = median(rounds.map(storyOverBare))
  const medianEdgeOverStatic = median(rounds.map(edgeOverStatic))
  // Not a target: the same bare page behind the site's configuration, proxy and dynamic route, so
  // what is left between it and the story is the story page's own cost.
  console.log(
    `story / bare page in the site's shape (cache handler, header rules, proxy, dynamic route), median round: ${percent(median(rounds.map(storyOverSiteShaped)))}`,
  )
  const failures = rounds.flatMap((round) => Object.values(round)).reduce((sum, run) => sum + run.failures, 0)
  const slowest = Math.max(...freshness, ...originFreshness)
  const checks = [
    [
      `story / bare page, median round: ${percent(medianStoryOverBare)} (target >= ${percent(TARGETS.storyOverBare)})`,
      medianStoryOverBare >= TARGETS.storyOverBare,
    ],
    [
      `story through nginx / static server, median round: ${percent(medianEdgeOverStatic)} (target >= ${percent(TARGETS.edgeOverStatic)})`,
      medianEdgeOverStatic >= TARGETS.edgeOverStatic,
    ],
    [`errors: ${failures} (target 0)`, failures === 0],
    [
      `revision reaches readers through nginx: ${freshness.map((ms) => ms.toFixed(0)).join(', ')} ms; straight from next start: ${originFreshness.map((ms) => ms.toFixed(0)).join(', ')} ms (target each <= ${FRESHNESS_TARGET_MS} ms)`,
      slowest <= FRESHNESS_TARGET_MS,
    ],
  ] as const
  for (const [line, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${line}`)
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1
} finally {
  for (const stop of stops.reverse()) await stop()
}
