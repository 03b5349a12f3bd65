/**
 * What Content Source Maps cost. Over a synthetic archive of 20,000 articles (with drafts), every
 * query the app makes (lib/content/queries.ts) is timed in the drafts perspective, as Presentation's
 * preview asks it, with and without `resultSourceMap=withKeyArraySelector`: through
 * `@sanity/client` and HTTP (what the preview waits for, the map's JSON included), and in this
 * process through the lake's own evaluation. Prints each query's medians, the ratio, and the size
 * of its map.
 *
 * Target: with a map at most 2x the time without, for every query. Reader traffic never asks for a
 * map and takes the path it took before (no marked query, no walk). Exits non-zero where the target
 * is missed.
 *
 *   tsx bench/source-maps.ts [--articles 20000]
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import type { SanityClient } from '@sanity/client'
import { createContentClient } from '../lib/content/client'
import { startLake } from '../sanity/lake/lake'
import { compileQuery } from '../sanity/lake/query/compile'
import { evaluateQuery } from '../sanity/lake/query/evaluate'
import { evaluateWithSourceMap } from '../sanity/lake/query/sourceMap'
import { perspectiveSource } from '../sanity/lake/query/views'
import { DocumentStore } from '../sanity/lake/storage/store'
import { appQueries, paramsFor, pickSubjects } from './app-queries'
import { generateArchive } from './generate-archive'
import { median } from './stats'

const RATIO_TARGET = 2
const LOAD_BATCH = 1_000
const WARMUP_RUNS = 10
const MIN_RUNS = 15
const MAX_RUNS = 60
const RUN_MS = 3_000
const ROUNDS = 3
const CONTEXT = { projectId: 'local', dataset: 'production' }

v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

/**
 * Medians of two ways of running the same query, run alternately so that both see the same
 * machine, in ROUNDS rounds: the round with the median ratio counts, so a burst of load from
 * elsewhere on a shared machine skews one round, not the figure.
 */
async function timePair(without: () => Promise<unknown>, withMap: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < WARMUP_RUNS; i++) {
    await without()
    await withMap()
  }
  const rounds: [number, number][] = []
  for (let round = 0; round < ROUNDS; round++) {
    collectGarbage()
    const plain: number[] = []
    const mapped: number[] = []
    const started = performance.now()
    while (plain.length < MAX_RUNS && (plain.length < MIN_RUNS || performance.now() - started < RUN_MS / ROUNDS)) {
      let at = performance.now()
      await without()
      plain.push(performance.now() - at)
      at = performance.now()
      await withMap()
      mapped.push(performance.now() - at)
    }
    rounds.push([median(plain), median(mapped)])
  }
  return rounds.toSorted((a, b) => a[1] / a[0] - b[1] / b[0])[ROUNDS >> 1] as [number, number]
}

function parseArgs(argv: string[]): { articles: number } {
  const at = argv.indexOf('--articles')
  return { articles: at >= 0 ? Number(argv[at + 1]) : 20_000 }
}

async function main() {
  const { articles } = parseArgs(process.argv.slice(2))
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-source-maps-'))
  const docs = generateArchive({ articles, drafts: Math.round(articles / 100) })
  const subjects = pickSubjects(docs)
  const queries = appQueries().map((query) => ({ ...query, params: paramsFor(query, subjects) }))
  const store = DocumentStore.open(dataDir)
  for (let i = 0; i < docs.length; i += LOAD_BATCH) {
    const changes = docs.slice(i, i + LOAD_BATCH).map((document) => ({ id: document._id, document }))
    store.commit({ transactionId: `load-${i}`, timestamp: new Date().toISOString(), changes })
  }
  store.close()
  const lake = await startLake({ port: 0, dataDir, keepReleases: false })
  const readOnly = DocumentStore.open(dataDir, { readOnly: true })
  try {
    const client: SanityClient = createContentClient({
      projectId: 'local',
      dataset: 'production',
      apiHost: lake.url,
      token: lake.token,
    }).withConfig({
      perspective: 'drafts',
    })
    const source = perspectiveSource(readOnly, 'drafts')
    console.log(`${articles} articles, ${docs.length} documents; drafts perspective; medians in ms\n`)
    console.log('query                      | HTTP without | HTTP with | ratio | engine without | engine with | ratio | mappings | map KB')
    console.log('-------------------------- | ------------ | --------- | ----- | -------------- | ----------- | ----- | -------- | ------')
    const missed: string[] = []
    for (const { name, query, params } of queries) {
      const [httpWithout, httpWith] = await timePair(
        () => client.fetch(query, params),
        () => client.fetch(query, params, { filterResponse: false, resultSourceMap: 'withKeyArraySelector' }),
      )
      const tree = compileQuery(query, params)
      const [engineWithout, engineWith] = await timePair(
        () => evaluateQuery(tree, source, CONTEXT),
        () => evaluateWithSourceMap(tree, source, CONTEXT, { keyed: true }),
      )
      const { resultSourceMap } = await evaluateWithSourceMap(tree, source, CONTEXT, { keyed: true })
      const httpRatio = httpWith / httpWithout
      const engineRatio = engineWith / engineWithout
      if (httpRatio > RATIO_TARGET) missed.push(`${name} (${httpRatio.toFixed(2)}x)`)
      console.log(
        [
          name.padEnd(26),
          httpWithout.toFixed(2).padStart(12),
          httpWith.toFixed(2).padStart(9),
          `${httpRatio.toFixed(2)}x`.padStart(5),
          engineWithout.toFixed(2).padStart(14),
          engineWith.toFixed(2).padStart(11),
          `${engineRatio.toFixed(2)}x`.padStart(5),
          String(Object.keys(resultSourceMap.mappings).length).padStart(8),
          (Buffer.byteLength(JSON.stringify(resultSourceMap)) / 1024).toFixed(1).padStart(6),
        ].join(' | '),
      )
    }
    console.log(
      missed.length ? `\nOver ${RATIO_TARGET}x through HTTP: ${missed.join(', ')}` : `\nEvery query within ${RATIO_TARGET}x through HTTP.`,
    )
    process.exitCode = missed.length ? 1 : 0
  } finally {
    readOnly.close()
    await lake.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
