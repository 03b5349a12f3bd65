/**
 * npm run bench:import
 *
 * The trade importer at a data desk's scale: 100,000 Comtrade rows (2,000 monthly series of
 * China's trade by partner, flow and HS chapter, 50 months each) into an empty embedded lake,
 * then the same file again (all unchanged), then a file revising 10% of the values. Each import
 * runs the real command line in a process of its own; the lake runs in another. Prints wall time,
 * rows per second, and the peak resident memory (VmHWM) of the importer and of the lake, against
 * the targets: first import under 30 s, re-import under 10 s, importer under 300 MB. Before the
 * revision, the first file again as the API's JSON response (every field a row has), larger to read.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import areas from '../lib/tradeImport/comtradeAreas.json'

const root = path.resolve(import.meta.dirname, '..')
const MONTHS = 50
const COMMODITIES = ['TOTAL', '27', '84', '85']
const HEADER =
  'typeCode,freqCode,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,cmdCode,primaryValue'

const partners = areas.areas.filter(([, iso3]) => iso3 !== 'CHN').slice(0, 250) as [number, string, string][]
const series = partners
  .flatMap((partner) => ['X', 'M'].flatMap((flow) => COMMODITIES.map((cmd) => ({ partner, flow, cmd }))))
  .slice(0, 2_000)
if (series.length < 2_000) throw new Error(`only ${series.length} series`)

/** Every row of the bench: each series for 50 months; `revised` bumps one value in ten. */
function* rowsOf(revised: boolean) {
  for (const [s, { partner, flow, cmd }] of series.entries())
    for (let m = 0; m < MONTHS; m++) {
      const year = 2020 + Math.floor(m / 12)
      const month = (m % 12) + 1
      const value = 1_000_000 + s * 1_000 + m + (revised && (s * MONTHS + m) % 10 === 0 ? 500 : 0)
      yield { partner, flow, cmd, year, month, period: `${year}${String(month).padStart(2, '0')}`, value }
    }
}

function comtradeCsv(revised: boolean): string {
  const lines = [HEADER]
  for (const {
    partner: [code, iso3, name],
    flow,
    cmd,
    period,
    value,
  } of rowsOf(revised))
    lines.push(`C,M,${period},156,CHN,China,${flow},${code},${iso3},"${name}",${cmd},${value}`)
  return `${lines.join('\n')}\n`
}

/** The same rows as the API's JSON response, with every field it has, names and ISO codes left out as by default. */
function comtradeJson(): string {
  const data = [...rowsOf(false)].map(({ partner: [code], flow, cmd, year, month, period, value }) => ({
    typeCode: 'C',
    freqCode: 'M',
    refPeriodId: year * 10_000 + month * 100 + 1,
    refYear: year,
    refMonth: month,
    period,
    reporterCode: 156,
    reporterISO: null,
    reporterDesc: null,
    flowCode: flow,
    flowDesc: null,
    partnerCode: code,
    partnerISO: null,
    partnerDesc: null,
    partner2Code: 0,
    partner2ISO: null,
    partner2Desc: null,
    classificationCode: 'H6',
    classificationSearchCode: 'HS',
    isOriginalClassification: true,
    cmdCode: cmd,
    cmdDesc: null,
    aggrLevel: cmd === 'TOTAL' ? 0 : 2,
    isLeaf: false,
    customsCode: 'C00',
    customsDesc: null,
    mosCode: '0',
    motCode: 0,
    motDesc: null,
    qtyUnitCode: -1,
    qtyUnitAbbr: null,
    qty: 0,
    isQtyEstimated: false,
    altQtyUnitCode: -1,
    altQtyUnitAbbr: null,
    altQty: 0,
    isAltQtyEstimated: false,
    netWgt: 0,
    isNetWgtEstimated: false,
    grossWgt: 0,
    isGrossWgtEstimated: false,
    cifvalue: flow === 'M' ? value : null,
    fobvalue: flow === 'X' ? value : null,
    primaryValue: value,
    legacyEstimationFlag: 0,
    isReported: true,
    isAggregate: false,
  }))
  return JSON.stringify({ elapsedTime: '9.3 secs', count: data.length, data, error: '' })
}

const dir = await mkdtemp(path.join(tmpdir(), 'factline-bench-import-'))
const lake = await startLakeProcess(path.join(dir, 'lake'))
try {
  const first = path.join(dir, 'first.csv')
  const revised = path.join(dir, 'revised.csv')
  await writeFile(first, comtradeCsv(false))
  await writeFile(revised, comtradeCsv(true))
  const json = path.join(dir, 'first.json')
  await writeFile(json, comtradeJson())
  const rows = series.length * MONTHS
  const mb = async (file: string) => ((await stat(file)).size / 1e6).toFixed(1)
  console.log(
    `${rows.toLocaleString('en')} rows, ${series.length.toLocaleString('en')} series × ${MONTHS} months: CSV ${await mb(first)} MB, JSON ${await mb(json)} MB\n`,
  )
  const runs = [
    { name: 'first import (empty lake)', file: first, releasedAt: '2024-03-15T00:00:00Z', targetS: 30 },
    { name: 'same file again (unchanged)', file: first, releasedAt: '2024-03-15T00:00:00Z', targetS: 10 },
    { name: 'the first file as an API JSON response (unchanged)', file: json, releasedAt: '2024-03-15T00:00:00Z', targetS: 10 },
    { name: 'revising 10%', file: revised, releasedAt: '2024-04-15T00:00:00Z', targetS: undefined },
  ]
  for (const run of runs) {
    const { seconds, peakMiB, output } = await importFile(run.file, run.releasedAt, lake.url, lake.token)
    const target = run.targetS ? ` (target < ${run.targetS} s: ${(seconds / run.targetS).toFixed(2)}×)` : ''
    console.log(`${run.name}: ${seconds.toFixed(1)} s${target}, ${Math.round(rows / seconds).toLocaleString('en')} rows/s`)
    console.log(
      `  importer peak ${peakMiB.toFixed(0)} MiB (target < 300 MB: ${((peakMiB * 1.048576) / 300).toFixed(2)}×), lake peak so far ${peakOf(lake.child.pid).toFixed(0)} MiB`,
    )
    console.log(`  ${output.trim().split('\n').at(-1)}`)
  }
} finally {
  lake.child.kill()
  await rm(dir, { recursive: true, force: true })
}

/** Peak resident memory of a live process, in MiB. */
function peakOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024
}

async function importFile(file: string, releasedAt: string, url: string, token: string) {
  const started = performance.now()
  // As `npm run import:trade` runs it (package.json), without npm's own process in the way.
  const command = ['--optimize-for-size', '--import', 'tsx', 'scripts/import-trade.ts', file, '--released-at', releasedAt]
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { ...process.env, FACTLINE_LAKE_URL: url, LAKE_TOKEN: token, SANITY_PROJECT_ID: '' },
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  child.stderr.on('data', (chunk) => {
    output += chunk
  })
  let peakMiB = 0
  const poll = setInterval(() => {
    try {
      const now = peakOf(child.pid)
      if (Number.isFinite(now)) peakMiB = Math.max(peakMiB, now)
    } catch {
      // The process has just exited; its last reading stands.
    }
  }, 50)
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearInterval(poll)
  if (code !== 0) throw new Error(`the import exited ${code}:\n${output}`)
  return { seconds: (performance.now() - started) / 1000, peakMiB, output }
}

async function startLakeProcess(dataDir: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = fork(path.join(import.meta.dirname, 'lake-process.ts'), [dataDir], { execArgv: process.execArgv })
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { url: string; token: string }))
    child.once('exit', (code) => reject(new Error(`the lake exited ${code}`)))
  })
  return { child, ...ready }
}
