/**
 * npm run import:trade -- FILE [--released-at 2021-04-18T02:00:00Z] [--dry-run]
 *
 * Imports UN Comtrade rows (JSON or CSV), or a cited table (a CSV naming the report of each
 * value, lib/tradeImport/citedRows.ts; its values are dated by their reports), into trade series.
 * With SANITY_PROJECT_ID set it writes to that project with SANITY_API_WRITE_TOKEN; otherwise to
 * the embedded lake at FACTLINE_LAKE_URL (default http://127.0.0.1:3400) with its token
 * (LAKE_TOKEN, or the one the lake keeps in LAKE_DATA_DIR, default .lake-data).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Presets, SingleBar } from 'cli-progress'
import { createContentClient } from '../lib/content/client'
import { contentSourceFromEnv, isEmbeddedLake } from '../lib/content/config'
import { importTradeFile } from '../lib/tradeImport/importTrade'
import { describePlans, describeProblem, describeSummary } from '../lib/tradeImport/report'

const USAGE = 'usage: npm run import:trade -- FILE [--released-at ISO-DATE] [--dry-run]'
const MAX_PROBLEMS_SHOWN = 20

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'released-at': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
})
const file = positionals[0]
if (!file || positionals.length > 1) fail(USAGE, 2)

const source = contentSourceFromEnv()
const token = process.env.SANITY_API_WRITE_TOKEN || (isEmbeddedLake(source) ? embeddedLakeToken() : undefined)
if (!token && !values['dry-run']) fail('No write token: set SANITY_API_WRITE_TOKEN (or, for the embedded lake, LAKE_TOKEN).', 2)
const client = createContentClient({ ...source, token })

let text: string
try {
  text = readFileSync(file, 'utf8')
} catch (err) {
  fail(`Cannot read ${file}: ${(err as Error).message}`, 2)
}
let bar: SingleBar | undefined
const result = await importTradeFile(file, text, {
  client,
  releasedAt: values['released-at'] ?? new Date().toISOString(),
  dryRun: values['dry-run'],
  onProgress: (written, total) => {
    if (!bar) {
      bar = new SingleBar({ format: 'Writing series [{bar}] {value}/{total}', stream: process.stderr }, Presets.shades_classic)
      bar.start(total, 0)
    }
    bar.update(written)
  },
}).catch((err: Error) => fail(writeFailure(err), 1))
bar?.stop()

if (result.problems.length > 0) {
  console.error(`${file} was not imported; nothing was written. Fix these rows and run the import again:`)
  for (const p of result.problems.slice(0, MAX_PROBLEMS_SHOWN)) console.error(`  ${describeProblem(p)}`)
  if (result.problems.length > MAX_PROBLEMS_SHOWN) console.error(`  … and ${result.problems.length - MAX_PROBLEMS_SHOWN} more`)
  process.exit(1)
}
if (values['dry-run']) for (const line of describePlans(result.plans)) console.log(line)
console.log(`${values['dry-run'] ? 'Dry run, nothing written. Would import' : 'Imported'} ${describeSummary(result.summary)}`)
for (const id of result.seriesWithDrafts)
  console.warn(`Note: ${id} has unpublished changes in the Studio; publishing that draft as it is would replace the imported values.`)

function embeddedLakeToken(): string | undefined {
  if (process.env.LAKE_TOKEN) return process.env.LAKE_TOKEN
  const tokenFile = join(resolve(import.meta.dirname, '..'), process.env.LAKE_DATA_DIR ?? '.lake-data', 'token')
  return existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined
}

function writeFailure(err: Error): string {
  const where = source.apiHost ?? `project ${source.projectId}`
  if ('code' in err && err.code === 'ECONNREFUSED')
    return `No content lake answers at ${where}: start it with \`npm run lake\` or \`npm run dev\`.`
  return `The import stopped: ${err.message}. Batches already written stay; run the import again to finish (it is idempotent).`
}

function fail(message: string, code: number): never {
  bar?.stop()
  console.error(message)
  process.exit(code)
}
