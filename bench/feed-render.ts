/**
 * Rendering a 50-item full-content feed, measured against embedded lakes holding 1,000 and 20,000
 * articles of a synthetic archive (bench/generate-archive.ts: sample content, not news). A run is
 * what a feed request does minus HTTP: the feed's query through the app's client, then the feed
 * model (figures resolved, bodies rendered to HTML) and the RSS XML.
 *
 * Prints medians per archive size (query, render, total) and the ratio of the totals, for the site
 * feed and for one section's feed, and exits non-zero if a 20,000-article median is more than twice
 * its 1,000-article median: the cost of a feed must not grow with the archive. Bounded: 3 warm-up
 * and 21 measured runs per case, each case cut off after 60 s.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { SanityClient } from '@sanity/client'
import { SECTION_FEED_QUERY, SITE_FEED_QUERY } from '@/lib/content/queries'
import { feedContext } from '@/lib/feeds/context'
import { buildFeedModel, type FeedArticle } from '@/lib/feeds/feed'
import { buildRss } from '@/lib/feeds/rss'
import { siteScope } from '@/lib/feeds/scopes'
import { lakeClient } from '../tests/harness/lake'
import { generateArchive, sectionId } from './generate-archive'
import { median } from './stats'

const SIZES = [1_000, 20_000] as const
const WARMUP = 3
const RUNS = 21
const CASE_BUDGET_MS = 60_000
const MAX_RATIO = 2
const SITE_URL = 'https://factline.example'
const root = resolve(import.meta.dirname, '..')

const CASES: Array<{ name: string; load: (client: SanityClient) => Promise<FeedArticle[]> }> = [
  { name: 'site feed', load: (client) => client.fetch(SITE_FEED_QUERY) },
  { name: 'section feed', load: (client) => client.fetch(SECTION_FEED_QUERY, { id: sectionId(0) }) },
]

type Timing = { query: number; render: number; total: number }

/**
 * A lake seeded with a synthetic archive of `size` articles, in its own process as in production,
 * so its heap (the whole archive) does not slow the garbage collection of the process measured.
 */
async function archiveLake(size: number) {
  const exportDir = await mkdtemp(join(tmpdir(), 'factline-bench-export-'))
  const dataDir = await mkdtemp(join(tmpdir(), 'factline-bench-lake-'))
  // The generator's placeholder asset URLs are not in Sanity's shape, and @sanity/image-url reads
  // an asset's id from its URL when there is one; without it the id is used, as on Sanity.
  const docs = generateArchive({ articles: size }).map(({ url, ...doc }) => (doc._type === 'sanity.imageAsset' ? doc : { ...doc, url }))
  await writeFile(join(exportDir, 'data.ndjson'), docs.map((doc) => `${JSON.stringify(doc)}\n`).join(''))
  const lake = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'sanity/lake/main.ts')], {
    env: { ...process.env, LAKE_PORT: '0', LAKE_DATA_DIR: dataDir, LAKE_SEED_DIR: exportDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((done, fail) => {
    lake.once('exit', (code) => fail(new Error(`the lake exited with ${code}`)))
    lake.stdout.on('data', (chunk: Buffer) => {
      const listening = /listening on (\S+)/.exec(chunk.toString())
      if (listening?.[1]) done(listening[1])
    })
  })
  return {
    url,
    async stop() {
      lake.removeAllListeners('exit')
      const exited = new Promise((done) => lake.once('exit', done))
      lake.kill('SIGTERM')
      await exited
      await rm(exportDir, { recursive: true, force: true })
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

async function measure(size: number): Promise<Map<string, Timing>> {
  const { url, stop } = await archiveLake(size)
  // Published content, read without a token as the public can.
  const client = lakeClient(url)
  const context = feedContext({ projectId: 'local', dataset: 'production', apiHost: url }, SITE_URL)
  const results = new Map<string, Timing>()
  try {
    for (const { name, load } of CASES) {
      const runs: Timing[] = []
      const deadline = performance.now() + CASE_BUDGET_MS
      for (let run = 0; run < WARMUP + RUNS && performance.now() < deadline; run++) {
        const started = performance.now()
        const articles = await load(client)
        const queried = performance.now()
        const xml = buildRss(buildFeedModel(siteScope, articles, context))
        const done = performance.now()
        if (articles.length !== 50 || !xml) throw new Error(`${name}: expected 50 items, got ${articles.length}`)
        if (run >= WARMUP) runs.push({ query: queried - started, render: done - queried, total: done - started })
      }
      results.set(name, {
        query: median(runs.map((r) => r.query)),
        render: median(runs.map((r) => r.render)),
        total: median(runs.map((r) => r.total)),
      })
    }
  } finally {
    await stop()
  }
  return results
}

const [small, large] = [await measure(SIZES[0]), await measure(SIZES[1])]
const ms = (t: Timing | undefined) => `${t?.total.toFixed(1)} ms (query ${t?.query.toFixed(1)}, render ${t?.render.toFixed(1)})`
let failed = false
console.log(`50-item full-content feed (query + model + RSS) on a synthetic archive; medians of ${RUNS} runs`)
for (const { name } of CASES) {
  const ratio = (large.get(name)?.total ?? Number.NaN) / (small.get(name)?.total ?? Number.NaN)
  const ok = ratio <= MAX_RATIO
  failed ||= !ok
  console.log(`${name}:`)
  console.log(`   1,000 articles: ${ms(small.get(name))}`)
  console.log(`  20,000 articles: ${ms(large.get(name))}`)
  console.log(`  ratio ${ratio.toFixed(2)} (limit ${MAX_RATIO}): ${ok ? 'ok' : 'FAIL'}`)
}
process.exit(failed ? 1 : 0)
