/**
 * npm run seed:trade
 *
 * Rebuilds the seed's trade series from the cited table in sanity/seed/trade/ through the
 * importer, so the seed holds exactly what an import of that file gives: it starts an empty
 * embedded lake on a free port, creates the series as the seed describes them (title, slug,
 * source, note) without observations, imports the file, and writes the series back into
 * sanity/seed/data.ndjson in place. Running it again changes nothing.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import type { SanityDocument } from '@sanity/client'
import { createContentClient } from '../lib/content/client'
import { importTradeFile } from '../lib/tradeImport/importTrade'
import { describeProblem, describeSummary } from '../lib/tradeImport/report'
import { startLake } from '../sanity/lake/lake'

const root = resolve(import.meta.dirname, '..')
const SEED = join(root, 'sanity/seed/data.ndjson')
const TABLE = join(root, 'sanity/seed/trade/china-dprk-monthly-trade-2020-2021.csv')

const lines = (await readFile(SEED, 'utf8')).split('\n').filter(Boolean)
const documents = lines.map((line) => JSON.parse(line) as SanityDocument)
const shells = documents.filter((d) => d._type === 'tradeSeries').map(({ observations: _, ...shell }) => shell)

const dir = await mkdtemp(join(tmpdir(), 'factline-seed-trade-'))
const lake = await startLake({ port: 0, dataDir: join(dir, 'lake') })
try {
  const client = createContentClient({ projectId: 'local', dataset: 'production', apiHost: lake.url, token: lake.token })
  const transaction = client.transaction()
  for (const shell of shells) transaction.create(shell as SanityDocument)
  await transaction.commit({ visibility: 'sync' })

  const file = relative(root, TABLE)
  const result = await importTradeFile(file, await readFile(TABLE, 'utf8'), { client })
  if (result.problems.length > 0) {
    for (const problem of result.problems) console.error(describeProblem(problem))
    throw new Error(`${file} was not imported; the seed is unchanged`)
  }
  const imported = await client.fetch<SanityDocument[]>('*[_type == "tradeSeries"] | order(_id asc)')
  const byId = new Map(imported.map(({ _rev, _createdAt, _updatedAt, ...series }) => [series._id, series]))
  // Series keep their place in the seed; a new one goes after the last series.
  const rewritten = documents.map((d) => (byId.has(d._id) ? byId.get(d._id) : d))
  const added = [...byId.values()].filter((s) => !documents.some((d) => d._id === s._id))
  const lastSeries = rewritten.findLastIndex((d) => d?._type === 'tradeSeries')
  rewritten.splice(lastSeries + 1, 0, ...added)
  await writeFile(SEED, `${rewritten.map((d) => JSON.stringify(d)).join('\n')}\n`)
  console.log(`Imported ${describeSummary(result.summary)}; wrote ${byId.size} series into ${relative(root, SEED)}`)
} finally {
  await lake.close()
  await rm(dir, { recursive: true, force: true })
}
