/**
 * npm run import:trade -- FILE [--released-at ISO-DATE] [--dry-run]; `--help` says more.
 *
 * Imports UN Comtrade rows (JSON or CSV), or a cited table (a CSV naming the report of each
 * value, lib/tradeImport/citedRows.ts), into trade series, where the rest of the project reads
 * them (lib/tradeImport/importTarget.ts). Exit codes: 0 imported (or dry run), 1 the file was
 * rejected and nothing written, 2 bad usage or setup, 3 the lake failed part way (run it again
 * to finish), 130 interrupted.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Presets, SingleBar } from 'cli-progress'
import { createContentClient } from '../lib/content/client'
import { DEFAULT_LAKE_URL } from '../lib/content/config'
import { LEFT_OUT } from '../lib/tradeImport/comtradeRows'
import { importTargetFromEnv } from '../lib/tradeImport/importTarget'
import { type ImportProgress, importTradeFile } from '../lib/tradeImport/importTrade'
import { describePlans, describeProblem, describeSummary } from '../lib/tradeImport/report'

const USAGE = 'usage: npm run import:trade -- FILE [--released-at ISO-DATE] [--dry-run]   (--help for more)'
const HELP = `${USAGE}

Imports a UN Comtrade file (API JSON, {"data": [...]} or an array, or CSV) or a cited table (CSV
with a source_url column) into trade series. Every row is checked first; any problem rejects the
whole file, naming each bad row, and nothing is written.

  --released-at ISO-DATE  when this release of the figures was published, e.g. 2021-05-18T02:00:00Z;
                          required when the file revises stored values (an older release never
                          overwrites a newer one); new values are otherwise dated by the import
  --dry-run               print what would change and write nothing
  --help                  this text

Writes to the embedded lake (FACTLINE_LAKE_URL, else LAKE_HOST:LAKE_PORT, ${new URL(DEFAULT_LAKE_URL).host}) with its
token (LAKE_TOKEN, else LAKE_DATA_DIR/token), or with SANITY_PROJECT_ID set to that project's
SANITY_DATASET with SANITY_API_WRITE_TOKEN. An interrupted import finishes when run again.

Exit codes: 0 imported, 1 file rejected (nothing written), 2 usage or setup, 3 the lake failed
part way (run again to finish), 130 interrupted (run again to finish).`
const MAX_PROBLEMS_SHOWN = 20

let bar: SingleBar | undefined
let writingSince = 0

const args = readArguments()
let text = ''
try {
  text = readFileSync(args.file, 'utf8')
} catch (err) {
  fail(`Cannot read ${args.file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`, 2)
}

const target = importTargetFromEnv()
if (!target.token && !args.dryRun) fail(target.missingToken, 2)
const client = createContentClient({ ...target.source, token: target.token })

// Ctrl-C: put the terminal back as it was (the bar hides the cursor and turns off line wrap).
process.once('SIGINT', () => fail('Interrupted. Transactions already committed stay; run the same import again to finish it.', 130))
const started = performance.now()
const result = await importTradeFile(args.file, text, {
  client,
  releasedAt: args.releasedAt,
  dryRun: args.dryRun,
  onProgress: showProgress,
}).catch((err: Error) => fail(writeFailure(err), 3))
bar?.stop()

if (result.problems.length > 0) {
  console.error(
    `${args.file} was not imported; nothing was written. ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}:`,
  )
  for (const p of result.problems.slice(0, MAX_PROBLEMS_SHOWN)) console.error(`  ${describeProblem(p)}`)
  if (result.problems.length > MAX_PROBLEMS_SHOWN) console.error(`  … and ${result.problems.length - MAX_PROBLEMS_SHOWN} more`)
  process.exit(1)
}
if (args.dryRun) for (const line of describePlans(result.plans)) console.log(line)
const seconds = (performance.now() - started) / 1000
console.log(
  `${args.dryRun ? 'Dry run, nothing written. Would import' : 'Imported'} ${describeSummary(result.summary)}` +
    (args.dryRun ? '' : ` in ${seconds.toFixed(1)} s, into ${target.where}`),
)
for (const [kind, count] of Object.entries(result.leftOut ?? {}))
  console.log(`Left out ${count} ${LEFT_OUT[kind as keyof typeof LEFT_OUT].why}.`)
if (result.datedByImport)
  console.log(`New values are dated ${result.datedByImport}, the time of this import; pass --released-at to date them by their release.`)
for (const id of result.seriesWithDrafts)
  console.warn(`Note: ${id} has unpublished changes in the Studio; publishing that draft as it is would replace the imported values.`)

function readArguments(): { file: string; releasedAt?: string; dryRun: boolean } {
  try {
    const { values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        'released-at': { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
    if (values.help) {
      console.log(HELP)
      process.exit(0)
    }
    const [file] = positionals
    if (!file) fail(`No file given.\n${USAGE}`, 2)
    if (positionals.length > 1) fail(`One file at a time; got ${positionals.length}.\n${USAGE}`, 2)
    return { file, releasedAt: values['released-at'], dryRun: values['dry-run'] }
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`, 2)
  }
}

/** A bar on a terminal counting committed values and series, with rate and time left; nothing when piped. */
function showProgress(progress: ImportProgress): void {
  if (!process.stderr.isTTY || progress.totalSeries === 0) return
  if (!bar) {
    writingSince = performance.now()
    bar = new SingleBar(
      {
        format: 'Writing [{bar}] {value}/{total} values · {series}/{totalSeries} series · {rate} values/s · {left} left',
        stream: process.stderr,
      },
      Presets.shades_classic,
    )
    bar.start(progress.totalValues, 0, { series: 0, totalSeries: progress.totalSeries, rate: '…', left: '…' })
    return
  }
  // Measured from the first write, so reading and checking the file do not dilute the rate.
  const rate = progress.values / ((performance.now() - writingSince) / 1000)
  const left = rate > 0 ? Math.ceil((progress.totalValues - progress.values) / rate) : undefined
  bar.update(progress.values, {
    series: progress.series,
    totalSeries: progress.totalSeries,
    rate: Math.round(rate).toLocaleString('en'),
    left: left === undefined ? '…' : left >= 60 ? `${Math.floor(left / 60)} min ${left % 60} s` : `${left} s`,
  })
}

function writeFailure(err: Error): string {
  const cause = (err as { cause?: { code?: string } }).cause
  if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED' || cause?.code === 'ECONNREFUSED')
    return `No content lake answers at ${target.source.apiHost}: start it with \`npm run lake\` or \`npm run dev\`, or set LAKE_PORT/LAKE_HOST to where it runs.`
  const status = (err as { statusCode?: number }).statusCode ?? 0
  // A conflict (an edit meanwhile) or a busy lake passes on a second run; another refusal would not.
  if (status >= 400 && status < 500 && status !== 409 && status !== 429)
    return `The lake refused the import (${status}): ${err.message}. Transactions already committed stay; running it again will not help until this is fixed.`
  return `The import stopped: ${err.message}. Transactions already committed stay; run the same import again to finish it.`
}

function fail(message: string, code: number): never {
  bar?.stop()
  console.error(message)
  process.exit(code)
}
