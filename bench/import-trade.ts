/**
 * npm run bench:import
 *
 * The trade importer at a data desk's scale: 100,000 Comtrade rows (2,000 monthly series of
 * China's trade by partner, flow and HS chapter, 50 months each) into an empty embedded lake,
 * then the same file again (all unchanged), then a file revising 10% of the values. Each import
 * runs the real command line in a process of its own; the lake runs in another. Prints wall time,
 * rows per second, and the peak resident memory (VmHWM) of the importer and of the lake, against
 * the targets: first import under 30 s, re-import under 10 s, importer under 300 MB.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
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

/** One file of the bench: every series for 50 months; `revised` bumps one value in ten. */
function comtradeCsv(revised: boolean): string {
  const lines = [HEADER]
  series.forEach(({ partner: [code, iso3, name], flow, cmd }, s) => {
    for (let m = 0; m < MONTHS; m++) {
      const period = `${2020 + Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`
      const value = 1_000_000 + s * 1_000 + m + (revised && (s * MONTHS + m) % 10 === 0 ? 500 : 0)
      lines.push(`C,M,${period},156,CHN,China,${flow},${code},${iso3},"${name}",${cmd},${value}`)
    }
  })
  return `${lines.join('\n')}\n`
}

const dir = await mkdtemp(path.join(tmpdir(), 'factline-bench-import-'))
const lake = await startLakeProcess(path.join(dir, 'lake'))
try {
  const first = path.join(dir, 'first.csv')
  const revised = path.join(dir, 'revised.csv')
  await writeFile(first, comtradeCsv(false))
  await writeFile(revised, comtradeCsv(true))
  const rows = series.length * MONTHS
  console.log(`${rows.toLocaleString('en')} rows, ${series.length.toLocaleString('en')} series × ${MONTHS} months\n`)
  const runs = [
    { name: 'first import (empty lake)', file: first, releasedAt: '2024-03-15T00:00:00Z', targetS: 30 },
    { name: 'same file again (unchanged)', file: first, releasedAt: '2024-03-15T00:00:00Z', targetS: 10 },
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
