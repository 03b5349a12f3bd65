/**
 * What sync tags cost a reader: every app query (lib/content/queries.ts) evaluated by the lake's
 * engine over a synthetic archive, with and without collecting the keys its reads depend on and
 * turning them into tags (sanity/lake/query/syncTags.ts), as the query endpoint does. Runs
 * alternate between the two so load from elsewhere on the machine falls on both alike.
 *
 *   tsx bench/lake-sync-tags.ts [ARTICLES]   (default 20,000)
 *
 * Prints each query's medians, their ratio and how many tags the answer carries.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import vm from 'node:vm'
import { createContentClient } from '../lib/content/client'
import { startLake } from '../sanity/lake/lake'
import { compileQuery } from '../sanity/lake/query/compile'
import { evaluateQuery } from '../sanity/lake/query/evaluate'
import { recordingSyncKeys, SyncTagger } from '../sanity/lake/query/syncTags'
import { perspectiveSource } from '../sanity/lake/query/views'
import { DocumentStore } from '../sanity/lake/storage/store'
import { appQueries, paramsFor, pickSubjects } from './app-queries'
import { generateArchive } from './generate-archive'
import { median } from './stats'

const ARTICLES = Number(process.argv[2] ?? 20_000)
const WARMUP_RUNS = 20
const RUNS = 101
const CONTEXT = { projectId: 'local', dataset: 'production' }

v8.setFlagsFromString('--expose-gc')
const collectGarbage = vm.runInNewContext('gc') as () => void

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-sync-tags-'))
try {
  const docs = generateArchive({ articles: ARTICLES })
  const subjects = pickSubjects(docs)
  const lake = await startLake({ port: 0, dataDir, keepReleases: false })
  const loader = createContentClient({ projectId: 'local', dataset: 'production', apiHost: lake.url, token: lake.token })
  for (let i = 0; i < docs.length; i += 1_000) {
    const transaction = loader.transaction()
    for (const doc of docs.slice(i, i + 1_000)) transaction.createOrReplace(doc)
    await transaction.commit()
  }
  await lake.close()

  const store = DocumentStore.open(dataDir, { readOnly: true })
  const source = perspectiveSource(store, 'published')
  const tagger = new SyncTagger('bench-token')
  console.log(
    `Sync tags on ${ARTICLES.toLocaleString('en')} articles (${docs.length.toLocaleString('en')} documents), medians of ${RUNS} runs:\n`,
  )
  console.log(`${'query'.padEnd(34)} ${'without'.padStart(10)} ${'with tags'.padStart(10)} ${'ratio'.padStart(6)} ${'tags'.padStart(5)}`)
  const ratios: number[] = []
  for (const query of appQueries()) {
    const params = paramsFor(query, subjects)
    const tree = compileQuery(query.query, params)
    let tags: string[] = []
    const plain = () => evaluateQuery(tree, source, CONTEXT)
    const tagged = async () => {
      const keys = new Set<string>()
      await evaluateQuery(tree, recordingSyncKeys(source, keys), CONTEXT)
      tags = tagger.ofQuery(keys)
    }
    for (let i = 0; i < WARMUP_RUNS; i++) {
      await plain()
      await tagged()
    }
    collectGarbage()
    const without: number[] = []
    const withTags: number[] = []
    for (let i = 0; i < RUNS; i++) {
      for (const [run, times] of (i % 2
        ? [
            [plain, without],
            [tagged, withTags],
          ]
        : [
            [tagged, withTags],
            [plain, without],
          ]) as [() => Promise<unknown>, number[]][]) {
        const started = performance.now()
        await run()
        times.push(performance.now() - started)
      }
    }
    const ratio = median(withTags) / median(without)
    ratios.push(ratio)
    const ms = (xs: number[]) => `${median(xs).toFixed(3)} ms`.padStart(10)
    console.log(
      `${query.name.padEnd(34)} ${ms(without)} ${ms(withTags)} ${ratio.toFixed(2).padStart(6)} ${String(tags.length).padStart(5)}`,
    )
  }
  console.log(`\nMedian ratio over the queries: ${median(ratios).toFixed(2)}; largest: ${Math.max(...ratios).toFixed(2)}`)
  store.close()
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true })
}
