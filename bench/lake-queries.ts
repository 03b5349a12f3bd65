/**
 * The embedded lake at scale. For synthetic archives of 1,000, 20,000 and 100,000 articles (see
 * generate-archive.ts), each loaded into a fresh lake through its mutate API in batches, every
 * query the app makes (lib/content/queries.ts) is timed through @sanity/client against the lake
 * and, for comparison, with plain groq-js (`parse` + `evaluate` over the published documents, no
 * indexes, `->` scanning the dataset) in this process. Prints a table per size, the lake's medians
 * side by side across sizes, and the lake process's memory.
 *
 * Targets, at 20,000 articles: every app query at least 50x faster than plain groq-js, and under
 * 2 ms at the median. Exits non-zero where one is missed.
 *
 *   tsx bench/lake-queries.ts [--sizes 1000,20000,100000]
 *
 * Run time is bounded: the lake gets at most LAKE_RUN_MS per query; plain groq-js at least
 * PLAIN_BUDGET_MS per query (at the target size, as long as it takes to settle the 50x target),
 * after which it is stopped and reported as "more than" that.
 */
import { type ChildProcess, fork } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import v8 from 'node:v8'
import vm from 'node:vm'
import type { SanityClient } from '@sanity/client'
import { evaluate, parse } from 'groq-js'
import { createContentClient } from '../lib/content/client'
import { LAKE_NODE_FLAGS } from '../sanity/lake/nodeFlags'
import { compileQuery } from '../sanity/lake/query/compile'
import { evaluateQuery } from '../sanity/lake/query/evaluate'
import type { DocumentSource } from '../sanity/lake/query/source'
import { perspectiveSource } from '../sanity/lake/query/views'
import { DocumentStore, type LakeDocument } from '../sanity/lake/storage/store'
import { perspectiveView } from '../tests/harness/perspectiveView'
import { type AppQuery, appQueries, paramsFor, pickSubjects } from './app-queries'
import { generateArchive } from './generate-archive'
import { median } from './stats'

const DEFAULT_SIZES = [1_000, 20_000, 100_000]
const TARGET_SIZE = 20_000
const RATIO_TARGET = 50
const MEDIAN_TARGET_MS = 2
const LOAD_BATCH = 1_000
const LAKE_WARMUP_RUNS = 20
const LAKE_MAX_RUNS = 50
const LAKE_RUN_MS = 1_500
const PLAIN_BUDGET_MS = 3_000
const PLAIN_MAX_RUNS = 5
const HOUR = 3_600_000

type PlainTiming = { ms: number; kind: 'median' | 'single run' | 'stopped' }
type Row = {
  name: string
  lakeMs: number
  /** The same query evaluated by the lake's code in this process, without HTTP or JSON. */
  engineMs: number
  plain: PlainTiming
  answerBytes: number
  /** Encoding and decoding the answer as JSON, which no lake can skip. */
  jsonMs: number
  identical: boolean | undefined
}
type Memory = { rss: number; heapUsed: number; heapTotal: number; external: number }
type SizeResult = {
  articles: number
  documents: number
  loadMs: number
  /** From starting a new lake process on the loaded data dir to its first answer, and `startLake()`'s share of that. */
  startup: { processMs: number; openMs: number }
  /** Background text indexing (the search's, on its first query) still under way after the warm-up pass, waited for. */
  indexingMs: number
  /** The query `1`: what the HTTP round trip through the client costs with nothing to find or send. */
  roundTripMs: number
  rows: Row[]
  loaded: Memory
  /** After a restart on the loaded data dir: what the archive costs to hold, without what loading it left behind. */
  restarted: Memory
  queried: Memory
}

class BudgetExceeded extends Error {}

v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

/**
 * The dataset as plain groq-js iterates it (every scan, including each `->`), but stopping with
 * BudgetExceeded once the deadline has passed. Checked every 4,096 documents.
 */
function withDeadline(docs: LakeDocument[], deadline: number): LakeDocument[] {
  const guarded = docs.slice()
  let seen = 0
  Object.defineProperty(guarded, Symbol.iterator, {
    value() {
      let i = 0
      return {
        next() {
          if ((++seen & 4095) === 0 && performance.now() > deadline) throw new BudgetExceeded()
          return i < guarded.length ? { value: guarded[i++], done: false } : { value: undefined, done: true }
        },
        [Symbol.iterator]() {
          return this
        },
      }
    },
  })
  return guarded
}

async function plainGroq(query: string, params: Record<string, unknown>, dataset: LakeDocument[]): Promise<unknown> {
  const value = await evaluate(parse(query, { params }), { dataset })
  return value.get()
}

/** Plain groq-js: one run within the budget, then repeats (only at sizes where that fits) for a median. */
async function timePlain(
  query: string,
  params: Record<string, unknown>,
  docs: LakeDocument[],
  budgetMs: number,
  repeat: boolean,
): Promise<{ timing: PlainTiming; result?: unknown }> {
  const started = performance.now()
  let result: unknown
  try {
    result = await plainGroq(query, params, withDeadline(docs, started + budgetMs))
  } catch (err) {
    if (err instanceof BudgetExceeded) return { timing: { ms: performance.now() - started, kind: 'stopped' } }
    throw err
  }
  const times = [performance.now() - started]
  while (repeat && times.length < PLAIN_MAX_RUNS && times.reduce((a, b) => a + b, 0) < budgetMs) {
    const run = performance.now()
    await plainGroq(query, params, docs)
    times.push(performance.now() - run)
  }
  return { timing: { ms: median(times), kind: times.length > 1 ? 'median' : 'single run' }, result }
}

const ENGINE_CONTEXT = { projectId: 'local', dataset: 'production' }

async function timeEngine(source: DocumentSource, query: string, params: Record<string, unknown>): Promise<number> {
  const run = () => evaluateQuery(compileQuery(query, params), source, ENGINE_CONTEXT)
  for (let i = 0; i < LAKE_WARMUP_RUNS; i++) await run()
  const times: number[] = []
  const started = performance.now()
  while (times.length < LAKE_MAX_RUNS && (times.length < 5 || performance.now() - started < LAKE_RUN_MS / 3)) {
    const at = performance.now()
    await run()
    times.push(performance.now() - at)
  }
  return median(times)
}

async function timeLake(client: SanityClient, query: string, params: Record<string, unknown>): Promise<{ ms: number; result: unknown }> {
  let result: unknown
  for (let i = 0; i < LAKE_WARMUP_RUNS; i++) result = await client.fetch(query, params)
  const times: number[] = []
  const started = performance.now()
  while (times.length < LAKE_MAX_RUNS && (times.length < 10 || performance.now() - started < LAKE_RUN_MS)) {
    const run = performance.now()
    result = await client.fetch(query, params)
    times.push(performance.now() - run)
  }
  return { ms: median(times), result }
}

function jsonCost(answer: unknown): number {
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const run = performance.now()
    JSON.parse(JSON.stringify(answer))
    times.push(performance.now() - run)
  }
  return median(times)
}

function startLakeProcess(dataDir: string): Promise<{ child: ChildProcess; url: string; token: string; openMs: number }> {
  const child = fork(path.join(import.meta.dirname, 'lake-process.ts'), [dataDir], {
    // As `npm run lake` runs it (tsx, the lake's V8 flags), with gc() exposed only to measure memory after a collection.
    execArgv: [...process.execArgv, '--expose-gc', ...LAKE_NODE_FLAGS],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`The lake process exited (${code}) before it was ready`)))
    child.once('message', (message: { type: string; url: string; token: string; openMs: number }) =>
      resolve({ child, url: message.url, token: message.token, openMs: message.openMs }),
    )
  })
}

function ask<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string } & T) => {
      if (message.type !== type) return
      child.off('message', onMessage)
      resolve(message)
    }
    child.on('message', onMessage)
    child.send({ type })
  })
}

function stopLakeProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.send({ type: 'close' })
  })
}

async function lakeMemory(child: ChildProcess): Promise<Memory> {
  return (await ask<{ usage: Memory }>(child, 'memory')).usage
}

async function measureSize(articles: number, queries: AppQuery[], newest: string): Promise<SizeResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `lake-bench-${articles}-`))
  const first = await startLakeProcess(dataDir)
  let child = first.child
  try {
    const loader = createContentClient({ projectId: 'local', dataset: 'production', apiHost: first.url, token: first.token })
    let generated: LakeDocument[] | undefined = generateArchive({ articles, newest })
    const documents = generated.length
    const subjects = pickSubjects(generated)
    const params = queries.map((query) => paramsFor(query, subjects))
    const loadStarted = performance.now()
    for (let i = 0; i < generated.length; i += LOAD_BATCH) {
      const transaction = loader.transaction()
      for (const doc of generated.slice(i, i + LOAD_BATCH)) transaction.createOrReplace(doc)
      await transaction.commit()
    }
    const loadMs = performance.now() - loadStarted
    generated = undefined
    const loaded = await lakeMemory(child)

    // A newsroom's lake starts on an archive it already holds: restart it on the data dir.
    await stopLakeProcess(child)
    const startStarted = performance.now()
    const restarted = await startLakeProcess(dataDir)
    const client = createContentClient({ projectId: 'local', dataset: 'production', apiHost: restarted.url, token: restarted.token })
    await client.fetch('1')
    const startup = { processMs: performance.now() - startStarted, openMs: restarted.openMs }
    child = restarted.child
    const restartedMemory = await lakeMemory(child)

    // The lake first, while this process holds no archive of its own (its garbage collections
    // would otherwise stretch the client's timings).
    // One pass over every query first, so that none is timed while the code paths it shares with
    // the others are still being compiled (the first query timed used to pay for all of them).
    for (const [i, query] of queries.entries()) {
      for (let run = 0; run < LAKE_WARMUP_RUNS; run++) await client.fetch(query.query, params[i] as Record<string, unknown>)
    }
    // A first search of a text indexes it in the background, once per database (it is kept): timed
    // queries measure the lake after that, and the wait is reported.
    const indexingStarted = performance.now()
    await ask(child, 'indexed')
    const indexingMs = performance.now() - indexingStarted
    collectGarbage()
    const roundTripMs = (await timeLake(client, '1', {})).ms
    const fromLake: { ms: number; result: unknown; answerBytes: number; jsonMs: number }[] = []
    for (const [i, query] of queries.entries()) {
      collectGarbage()
      const lake = await timeLake(client, query.query, params[i] as Record<string, unknown>)
      fromLake.push({ ...lake, answerBytes: Buffer.byteLength(JSON.stringify(lake.result) ?? 'null'), jsonMs: jsonCost(lake.result) })
      process.stdout.write('.')
    }
    const queried = await lakeMemory(child)

    // Then the lake's own evaluation, in this process over the same data dir (read-only), and
    // plain groq-js over the documents exactly as the lake stored them, in dataset order.
    const store = DocumentStore.open(dataDir, { readOnly: true })
    const source = perspectiveSource(store, 'published')
    const published = perspectiveView([...store.documents()], 'published')
    const rows: Row[] = []
    for (const [i, query] of queries.entries()) {
      const lake = fromLake[i] as (typeof fromLake)[number]
      collectGarbage()
      const engineMs = await timeEngine(source, query.query, params[i] as Record<string, unknown>)
      // At the target size plain groq-js gets as long as settling the ratio needs; elsewhere a bounded sample.
      const budget = articles === TARGET_SIZE ? Math.max(PLAIN_BUDGET_MS, lake.ms * RATIO_TARGET * 1.2) : PLAIN_BUDGET_MS
      const plain = await timePlain(query.query, params[i] as Record<string, unknown>, published, budget, articles <= TARGET_SIZE)
      rows.push({
        name: query.name,
        lakeMs: lake.ms,
        engineMs,
        plain: plain.timing,
        answerBytes: lake.answerBytes,
        jsonMs: lake.jsonMs,
        identical:
          plain.timing.kind === 'stopped' ? undefined : isDeepStrictEqual(JSON.parse(JSON.stringify(plain.result ?? null)), lake.result),
      })
      process.stdout.write('.')
    }
    process.stdout.write('\n')
    store.close()
    return { articles, documents, loadMs, startup, indexingMs, roundTripMs, rows, loaded, restarted: restartedMemory, queried }
  } finally {
    await stopLakeProcess(child)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => (n >= 100 ? int(n) : n >= 10 ? n.toFixed(1) : n.toFixed(2))
const kb = (bytes: number) => (bytes / 1024).toFixed(1)
const mb = (bytes: number) => `${int(bytes / 2 ** 20)} MB`
const pad = (text: string, width: number) => text.padStart(width)

function ratioOf(row: Row): { value: number; lowerBound: boolean } {
  return { value: row.plain.ms / row.lakeMs, lowerBound: row.plain.kind === 'stopped' }
}

function printSize(result: SizeResult) {
  console.log(
    `\n${int(result.articles)} articles (${int(result.documents)} documents), loaded through the mutate API in ${(result.loadMs / 1000).toFixed(1)} s`,
  )
  const widths = [24, 9, 10, 12, 10, 10, 9, 6, 9]
  const header = ['query', 'lake ms', 'engine ms', 'groq-js ms', 'ratio', 'answer KB', 'JSON ms', 'same', 'µs/KB']
  console.log(header.map((h, i) => (i === 0 ? h.padEnd(widths[0] as number) : pad(h, widths[i] as number))).join(' '))
  for (const row of result.rows) {
    const ratio = ratioOf(row)
    const plain =
      row.plain.kind === 'stopped' ? `> ${int(row.plain.ms)}` : `${ms(row.plain.ms)}${row.plain.kind === 'single run' ? '*' : ''}`
    const cells = [
      row.name.padEnd(widths[0] as number),
      pad(ms(row.lakeMs), widths[1] as number),
      pad(ms(row.engineMs), widths[2] as number),
      pad(plain, widths[3] as number),
      pad(`${ratio.lowerBound ? '> ' : ''}${int(ratio.value)}x`, widths[4] as number),
      pad(kb(row.answerBytes), widths[5] as number),
      pad(ms(row.jsonMs), widths[6] as number),
      pad(row.identical === undefined ? '-' : row.identical ? 'yes' : 'NO', widths[7] as number),
      pad(int((Math.max(0, row.lakeMs - result.roundTripMs) * 1000) / Math.max(row.answerBytes / 1024, 1)), widths[8] as number),
    ]
    console.log(cells.join(' '))
  }
  console.log(`round trip through @sanity/client for the query \`1\` (nothing to find or send): ${ms(result.roundTripMs)} ms`)
  const memory = (m: Memory) => `rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}`
  console.log(
    `start-up on the loaded data dir: ${ms(result.startup.processMs)} ms from a new process to its first answer (startLake() ${ms(result.startup.openMs)} ms)`,
  )
  console.log(`text indexing still under way after the warm-up pass (waited for before timing): ${ms(result.indexingMs)} ms`)
  console.log(`lake process memory after loading: ${memory(result.loaded)}`)
  console.log(`lake process memory after a restart: ${memory(result.restarted)}`)
  console.log(`lake process memory after the queries (ordered indexes built): ${memory(result.queried)}`)
}

function printNotes() {
  console.log(
    [
      '',
      "lake ms: median through @sanity/client over HTTP (the targets are on this). engine ms: the lake's evaluation alone, in",
      'this process over the same data dir, without HTTP or JSON. groq-js ms: plain parse + evaluate over the published',
      `documents in this process (median of up to ${PLAIN_MAX_RUNS}; * one run only; "> n": stopped after n ms, so the ratio is a lower bound).`,
      'JSON ms: JSON.stringify + JSON.parse of the answer alone, a floor for any lake answering over HTTP. same: the lake and plain',
      'groq-js gave identical results (- where groq-js was stopped). µs/KB: lake ms less the round trip of `1`, per KB of answer',
      '(at least 1 KB), so that a large answer is judged by what each KB of it costs.',
    ].join('\n'),
  )
}

function printAcrossSizes(results: SizeResult[], queries: AppQuery[]) {
  console.log('\nMedians (ms) by archive size, through the client and of the evaluation alone, with the answer (KB):')
  console.log('cost should follow the answer, not the archive.')
  const sizes = (label: string, width: number) => results.map((r) => pad(`${label}${int(r.articles)}`, width))
  console.log(['query'.padEnd(24), ...sizes('lake@', 12), ...sizes('eval@', 12), ...sizes('KB@', 11)].join(' '))
  for (const query of queries) {
    const rows = results.map((r) => r.rows.find((row) => row.name === query.name))
    const cells = (value: (row: Row) => string, width: number) => rows.map((row) => pad(row ? value(row) : '-', width))
    console.log(
      [
        query.name.padEnd(24),
        ...cells((r) => ms(r.lakeMs), 12),
        ...cells((r) => ms(r.engineMs), 12),
        ...cells((r) => kb(r.answerBytes), 11),
      ].join(' '),
    )
  }
}

/** The targets at 20,000 articles; returns the misses. */
function checkTargets(result: SizeResult | undefined): string[] {
  if (!result) return [`no run at ${int(TARGET_SIZE)} articles`]
  const misses: string[] = []
  for (const row of result.rows) {
    const ratio = ratioOf(row)
    if (ratio.value < RATIO_TARGET) {
      misses.push(
        `${row.name}: ${ratio.lowerBound ? 'more than ' : ''}${ratio.value.toFixed(1)}x faster than plain groq-js${ratio.lowerBound ? ' (groq-js stopped, not shown to be 50x)' : ''}`,
      )
    }
    if (row.lakeMs >= MEDIAN_TARGET_MS) {
      misses.push(
        `${row.name}: median ${ms(row.lakeMs)} ms (evaluation alone ${ms(row.engineMs)} ms; the answer is ${kb(row.answerBytes)} KB, and JSON alone takes ${ms(row.jsonMs)} ms)`,
      )
    }
    if (row.identical === false) misses.push(`${row.name}: the lake's result differs from plain groq-js`)
  }
  return misses
}

function parseSizes(argv: string[]): number[] {
  const at = argv.indexOf('--sizes')
  if (at === -1) return DEFAULT_SIZES
  const sizes = (argv[at + 1] ?? '').split(',').map(Number)
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 20))
    throw new Error('--sizes takes article counts, e.g. 1000,20000')
  return sizes
}

const sizes = parseSizes(process.argv.slice(2))
const queries = appQueries()
// Newest story an hour ago, so the news sitemap (last 48 hours) has its usual few dozen.
const newest = new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR).toISOString()
const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
console.log(
  `Embedded lake at scale: ${queries.length} app queries, synthetic archives of ${sizes.map(int).join(', ')} articles (newest ${newest})`,
)
console.log(`${os.cpus().length} CPUs, load average ${load()} at the start; Node ${process.version}`)
const results: SizeResult[] = []
for (const articles of sizes) {
  process.stdout.write(`${int(articles)} articles: loading and measuring `)
  const result = await measureSize(articles, queries, newest)
  results.push(result)
  printSize(result)
}
printNotes()
printAcrossSizes(results, queries)

console.log(`\nLoad average at the end: ${load()} (other work on the machine slows every figure above)`)
const misses = checkTargets(results.find((r) => r.articles === TARGET_SIZE))
console.log(
  `\nTargets at ${int(TARGET_SIZE)} articles: every app query ${RATIO_TARGET}x faster than plain groq-js and under ${MEDIAN_TARGET_MS} ms at the median`,
)
if (misses.length === 0) console.log('  all met')
for (const miss of misses) console.log(`  MISSED ${miss}`)
process.exit(misses.length === 0 ? 0 : 1)
