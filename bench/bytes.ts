/**
 * Bytes to the reader, after a production build: gzipped first-load JavaScript of the story page
 * against a bare App Router page built by the same Next.js (from each build's
 * .next/diagnostics/route-bundle-stats.json), and Lighthouse 12 (mobile, Debian's Chromium headless)
 * on the home, story and data pages, each the median of five runs, with the bare page scored the
 * same way as the ceiling this machine allows. Every page is loaded once unscored (so a picture's
 * first encode is not in a score), and the five runs go round all four pages in turn, so the bare
 * page is scored under the same load as the others. Exits non-zero where a target is missed: at most
 * 10 KiB more JavaScript than the bare page, performance >= 95 and accessibility 100 on each page.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import lighthouse from 'lighthouse'
import { REFERENCE_STORY } from '../tests/harness/referenceStory'
import { freePort, startSite } from '../tests/harness/site'
import { buildBareApp, firstLoadGzipBytes } from './bareApp'
import { median } from './stats'

const root = resolve(import.meta.dirname, '..')
const EXTRA_JS_TARGET_BYTES = 10 * 1024
const PERFORMANCE_TARGET = 95
const ACCESSIBILITY_TARGET = 100
const PAGES = { home: '/', story: REFERENCE_STORY, data: '/data/north-korea-imports-from-china' }
// Lighthouse's own advice for variable machines: score a page five times and take the median.
const LIGHTHOUSE_RUNS = 5
const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

async function startChromium(): Promise<{ port: number; process: ChildProcess }> {
  const port = await freePort()
  const chromium = spawn(
    process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, 'about:blank'],
    {
      stdio: 'ignore',
    },
  )
  for (let attempt = 0; attempt < 100; attempt++) {
    if (
      await fetch(`http://127.0.0.1:${port}/json/version`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { port, process: chromium }
    await new Promise((r) => setTimeout(r, 100))
  }
  chromium.kill()
  throw new Error('Chromium did not open its debugging port')
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

type Scores = { performance: number; accessibility: number; belowPar: string[] }

async function score(url: string, port: number): Promise<Scores> {
  const result = await lighthouse(url, { port, logLevel: 'error', onlyCategories: ['performance', 'accessibility'] })
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  const { categories, audits } = result.lhr
  return {
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    // What pulled a score down, so a miss says where to look.
    belowPar: [...(categories.accessibility?.auditRefs ?? []), ...(categories.performance?.auditRefs ?? [])]
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 0.9)
      .map((ref) => ref.id),
  }
}

/** The median scores of a page's runs, and a line that shows every run's performance score. */
function describe(name: string, path: string, runs: Scores[]) {
  const performanceRuns = runs.map((r) => r.performance)
  const performance = median(performanceRuns)
  const accessibility = median(runs.map((r) => r.accessibility))
  const belowPar = [...new Set(runs.flatMap((r) => r.belowPar))]
  const line = `Lighthouse ${name} (${path}): performance ${performance} (runs ${performanceRuns.join(', ')}), accessibility ${accessibility}${belowPar.length ? `; below 0.9 in some run: ${belowPar.join(', ')}` : ''}`
  return { performance, accessibility, line }
}

const site = await startSite()
const bareApp = await buildBareApp()
const bare = await bareApp.start(await freePort())
const chromium = await startChromium()
try {
  const storyJs = await firstLoadGzipBytes(root, '/articles/[slug]')
  const bareJs = await firstLoadGzipBytes(bareApp.dir, '/')
  const checks: [string, boolean][] = [
    [
      `story page JS ${kib(storyJs)} gzipped, bare page ${kib(bareJs)}: ${kib(storyJs - bareJs)} more (target <= ${kib(EXTRA_JS_TARGET_BYTES)})`,
      storyJs - bareJs <= EXTRA_JS_TARGET_BYTES,
    ],
  ]
  const pages = [
    ...Object.entries(PAGES).map(([name, path]) => ({ name, path, url: `${site.siteUrl}${path}` })),
    { name: 'bare page, for comparison', path: '/', url: bare.url },
  ]
  for (const page of pages) await score(page.url, chromium.port)
  const runs = pages.map(() => [] as Scores[])
  for (let round = 0; round < LIGHTHOUSE_RUNS; round++) {
    for (const [index, page] of pages.entries()) runs[index]?.push(await score(page.url, chromium.port))
  }
  const results = pages.map((page, index) => describe(page.name, page.path, runs[index] ?? []))
  const ceiling = results.pop()
  for (const { line, performance, accessibility } of results) {
    checks.push([
      `${line} (targets >= ${PERFORMANCE_TARGET}, ${ACCESSIBILITY_TARGET})`,
      performance >= PERFORMANCE_TARGET && accessibility >= ACCESSIBILITY_TARGET,
    ])
  }
  console.log('\nBytes to the reader (mobile Lighthouse 12 in Debian Chromium)')
  for (const [line, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${line}`)
  console.log(`     ${ceiling?.line}`)
  process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1
} finally {
  chromium.process.kill()
  bare.stop()
  await bareApp.remove()
  await site.stop()
}
