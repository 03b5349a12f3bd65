/**
 * How fast the Studio opens for an editor: from navigation to a usable document list (the first
 * frame with the reference story's row in the article list, timed in the page) in Chromium, for `sanity dev` (Vite compiling on
 * request, what `npm run studio` serves) and for the production build that `npm run dev` and
 * `npm run studio:serve` serve (sanity/local/studioServer.ts). Both edit a seeded embedded lake.
 * A first load is a fresh browser context, nothing in the browser's cache; a returning editor's load
 * is the same context opening the Studio again (the browser's HTTP and code caches warm). The dev
 * server's very first load (its cold compile) is reported apart. The machine's load average is
 * printed beside the figures: on a shared machine it moves them more than anything here.
 *
 * Target: the production build's median first load under 2 s. Exits non-zero where it misses it.
 *
 *   tsx bench/studio-load.ts [--runs 5]
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { startLake } from '../sanity/lake/lake'
import { startStudioDevServer } from '../sanity/local/studioDevServer'
import { ensureStudioBuild, startStudioServer } from '../sanity/local/studioServer'
import { launchChromium } from '../tests/e2e/browser'
import { REFERENCE_HEADLINE } from '../tests/harness/referenceStory'
import { freePort } from '../tests/harness/site'
import { median } from './stats'

const TARGET_MS = 2_000
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5
const ARTICLE_LIST = '/structure/article'

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

const dataDir = await mkdtemp(path.join(tmpdir(), 'factline-studio-bench-'))
const [devPort, builtPort] = await Promise.all([freePort(), freePort()])
const lake = await startLake({
  port: 0,
  dataDir,
  seedDir: path.resolve(import.meta.dirname, '../sanity/seed'),
  studioOrigins: [`http://127.0.0.1:${devPort}`, `http://127.0.0.1:${builtPort}`],
})
const browser = await launchChromium()

type Context = Awaited<ReturnType<typeof browser.newContext>>

const ROW_SHOWN_AT = '__factlineRowShownAt'
/**
 * Run in every page before its own scripts: notes the first frame whose page holds the story's
 * row, in ms from the navigation's start. Playwright's own wait for the row checks again only every
 * 500 ms after its first few tries, which added up to half a second to a two-second load.
 */
const RECORD_ROW_SHOWN = `(() => {
  const frame = () =>
    document.body?.textContent?.includes(${JSON.stringify(REFERENCE_HEADLINE)})
      ? (window.${ROW_SHOWN_AT} = performance.now())
      : requestAnimationFrame(frame)
  requestAnimationFrame(frame)
})()`

/** An editor opening the article list in a tab of `context`: ms from navigation until the story's row shows. */
async function openArticleList(context: Context, studioUrl: string): Promise<number> {
  const page = await context.newPage()
  await page.goto(`${studioUrl}${ARTICLE_LIST}`, { timeout: 180_000 })
  await page.getByText(REFERENCE_HEADLINE).first().waitFor({ timeout: 180_000 })
  const shownAt = await page.evaluate<number>(`window.${ROW_SHOWN_AT}`)
  await page.close()
  return shownAt
}

const newContext = async () => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  await context.addInitScript(RECORD_ROW_SHOWN)
  return context
}

/** `runs` first loads, each in a fresh context, then `runs` returning loads in one context. */
async function measure(studioUrl: string) {
  const first: number[] = []
  for (let i = 0; i < runs; i++) {
    const context = await newContext()
    first.push(await openArticleList(context, studioUrl))
    await context.close()
  }
  const context = await newContext()
  await openArticleList(context, studioUrl)
  const returning: number[] = []
  for (let i = 0; i < runs; i++) returning.push(await openArticleList(context, studioUrl))
  await context.close()
  return { first, returning }
}

const line = (label: string, loads: number[]) => `  ${label.padEnd(44)}${seconds(median(loads))}  (${loads.map(seconds).join(', ')})`

try {
  const buildStarted = performance.now()
  const { built } = await ensureStudioBuild()
  const buildMs = performance.now() - buildStarted
  const lakeUrl = `http://localhost:${lake.port}`
  // One server at a time: Vite's dev server watches and compiles, which would slow the other's loads.
  const served = await startStudioServer({ port: builtPort, config: { lakeUrl, previewUrl: 'http://127.0.0.1:3000' } })
  const builtLoads = await measure(served.url).finally(() => served.close())
  const dev = await startStudioDevServer({ port: devPort, lakePort: lake.port })
  try {
    const coldContext = await newContext()
    const devCold = await openArticleList(coldContext, dev.url)
    await coldContext.close()
    const devLoads = await measure(dev.url)
    const builtMedian = median(builtLoads.first)
    console.log(
      `Studio load to a usable article list, median of ${runs}, Chromium (load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}):`,
    )
    console.log(`  ${'sanity dev, its first load (cold compile)'.padEnd(44)}${seconds(devCold)}`)
    console.log(line('sanity dev, first load', devLoads.first))
    console.log(line('sanity dev, returning editor', devLoads.returning))
    console.log(line('production build, first load', builtLoads.first))
    console.log(line('production build, returning editor', builtLoads.returning))
    console.log(
      `  production build against dev: first load ${(builtMedian / median(devLoads.first)).toFixed(2)}x the time, ` +
        `returning ${(median(builtLoads.returning) / median(devLoads.returning)).toFixed(2)}x, cold dev start ${(devCold / builtMedian).toFixed(1)}x slower`,
    )
    console.log(
      `  build check: ${built ? `built the Studio in ${seconds(buildMs)}` : `sources unchanged, build reused (${Math.round(buildMs)} ms to check)`}`,
    )
    console.log(`Target: production build's first load under ${seconds(TARGET_MS)}: ${builtMedian < TARGET_MS ? 'met' : 'MISSED'}`)
    process.exitCode = builtMedian < TARGET_MS ? 0 : 1
  } finally {
    dev.close()
  }
} finally {
  await browser.close()
  await lake.close()
  await rm(dataDir, { recursive: true, force: true })
}
