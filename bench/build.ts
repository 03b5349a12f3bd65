/**
 * Build cost against archive size (performance issue, target 4): `next build` of the site with
 * 100 and with 20,000 synthetic articles in the embedded lake, each timed and its peak memory
 * (the build process and its workers, sampled every 200 ms) taken. Prints both and their ratios;
 * exits non-zero if either ratio passes 1.2. Pages with a parameter render on their first request
 * and are then cached (lib/http/onDemandPages.ts), so no story is rendered at build time.
 *
 *   tsx bench/build.ts [--articles 100,20000]
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { startLake } from '../sanity/lake/lake'
import { acquireBuildLock } from '../tests/harness/site'
import { generateArchive } from './generate-archive'
import { treeRssMiB } from './processTree'

const root = path.resolve(import.meta.dirname, '..')
const nextBin = path.join(root, 'node_modules/.bin/next')
const TARGET_RATIO = 1.2

type BuildCost = { articles: number; seconds: number; peakMiB: number }

async function measureBuild(articles: number): Promise<BuildCost> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `build-bench-${articles}-`))
  const seedDir = path.join(workDir, 'seed')
  fs.mkdirSync(seedDir)
  fs.writeFileSync(
    path.join(seedDir, 'data.ndjson'),
    `${generateArchive({ articles })
      .map((doc) => JSON.stringify(doc))
      .join('\n')}\n`,
  )
  const lake = await startLake({ port: 0, dataDir: path.join(workDir, 'lake'), seedDir })
  try {
    const env = {
      ...process.env,
      FACTLINE_LAKE_URL: lake.url,
      SANITY_API_READ_TOKEN: lake.token,
      SANITY_PROJECT_ID: '',
      NEXT_TELEMETRY_DISABLED: '1',
    }
    const started = performance.now()
    const build = spawn(nextBin, ['build'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] })
    let peakMiB = 0
    const sampler = setInterval(() => {
      if (build.pid) peakMiB = Math.max(peakMiB, treeRssMiB(build.pid))
    }, 200)
    const code = await new Promise<number | null>((resolve) => build.once('exit', resolve))
    clearInterval(sampler)
    if (code !== 0) throw new Error(`next build with ${articles} articles exited with ${code}`)
    return { articles, seconds: (performance.now() - started) / 1000, peakMiB }
  } finally {
    await lake.close()
    fs.rmSync(workDir, { recursive: true, force: true })
  }
}

const { values } = parseArgs({ options: { articles: { type: 'string', default: '100,20000' } } })
const [small, large] = (values.articles as string).split(',').map(Number) as [number, number]
const releaseBuildLock = await acquireBuildLock()
let results: BuildCost[]
try {
  results = [await measureBuild(small), await measureBuild(large)]
} finally {
  await releaseBuildLock()
}
for (const { articles, seconds, peakMiB } of results) {
  console.log(
    `next build with ${articles.toLocaleString('en-US')} articles: ${seconds.toFixed(1)} s, peak memory ${peakMiB.toFixed(0)} MiB`,
  )
}
const [base, big] = results as [BuildCost, BuildCost]
const timeRatio = big.seconds / base.seconds
const memoryRatio = big.peakMiB / base.peakMiB
console.log(`ratios ${large} / ${small}: time ${timeRatio.toFixed(2)}, peak memory ${memoryRatio.toFixed(2)} (target ≤ ${TARGET_RATIO})`)
process.exit(timeRatio > TARGET_RATIO || memoryRatio > TARGET_RATIO ? 1 : 0)
