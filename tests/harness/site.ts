/**
 * The site as readers get it, for end-to-end tests and benches: the embedded lake (seeded, on a
 * free port, in a temporary directory, sending signed webhooks to the site), a production
 * `next build` against it, and `next start` on a free port, or several instances of it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, openSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { ensureStudioBuild, startStudioServer } from '../../sanity/local/studioServer'

const root = resolve(import.meta.dirname, '../..')
const nextBin = join(root, 'node_modules/.bin/next')

export type RunningSite = {
  /** The first instance, the one the lake's webhook reaches. */
  siteUrl: string
  /** Every `next start` instance, the first one first. */
  instanceUrls: string[]
  lake: RunningLake
  /** Stops the lake, as in an outage; `resumeLake` starts it again on the same port and data. */
  stopLake(): Promise<void>
  resumeLake(): Promise<void>
  webhookSecret: string
  /** Everything the site's server printed, for tests of what it logs. */
  serverLog: string
  /** The `next start` process, for measuring its memory. */
  serverPid: number
  /** The Studio's URL when started with `studio: true`. */
  studioUrl?: string
  stop(): Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))))
    })
  })
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(nextBin, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] })
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`next ${args.join(' ')} exited with ${code}`))))
  })
}

async function waitForHttp(url: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`)
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${url} did not answer`)
}

const lockDir = join(root, '.next-harness.lock')

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * One harness at a time builds into and serves from `.next`: a test run and a bench started
 * together would otherwise overwrite each other's build. A lock left by a dead process is taken over.
 */
export async function acquireBuildLock(): Promise<() => Promise<void>> {
  for (;;) {
    try {
      await mkdir(lockDir)
      await writeFile(join(lockDir, 'pid'), String(process.pid))
      return () => rm(lockDir, { recursive: true, force: true })
    } catch {
      const holder = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => ''))
      if (holder && !isRunning(holder)) await rm(lockDir, { recursive: true, force: true })
      else await new Promise((r) => setTimeout(r, 500))
    }
  }
}

type SiteOptions = {
  seedDir?: string
  /** `next start` processes sharing the build (and, with REDIS_URL in `env`, one cache). */
  instances?: number
  /** false: serve the build already in `.next`, which the caller's test run built and holds. */
  build?: boolean
  env?: Record<string, string>
  /** Also serve the real Studio (its production build) against the lake, signed in as its local editor. */
  studio?: boolean
}

function startServer(port: number, env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const logFd = openSync(log, 'a')
  const server = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', logFd, logFd] })
  closeSync(logFd)
  return server
}

export async function startSite(options: SiteOptions = {}): Promise<RunningSite> {
  const releaseBuildLock = options.build === false ? async () => {} : await acquireBuildLock()
  const dataDir = await mkdtemp(join(tmpdir(), 'factline-site-'))
  const ports = await Promise.all(Array.from({ length: options.instances ?? 1 }, freePort))
  const [port] = ports
  const webhookSecret = randomBytes(24).toString('base64url')
  const studioPort = options.studio ? await freePort() : undefined
  const lakeOptions = {
    dataDir,
    studioOrigins: studioPort ? [`http://127.0.0.1:${studioPort}`] : [],
    seedDir: options.seedDir ?? join(root, 'sanity/seed'),
    webhooks: [{ url: `http://127.0.0.1:${port}/api/revalidate`, secret: webhookSecret }],
  }
  let lake = await startLake({ ...lakeOptions, port: 0 })
  const env = {
    ...process.env,
    FACTLINE_LAKE_URL: lake.url,
    SANITY_API_READ_TOKEN: lake.token,
    SANITY_WEBHOOK_SECRET: webhookSecret,
    // Draft previews are framed by, and link to, this Studio.
    ...(studioPort ? { SANITY_STUDIO_URL: `http://127.0.0.1:${studioPort}` } : {}),
    SANITY_PROJECT_ID: '',
    NEXT_TELEMETRY_DISABLED: '1',
    // Feeds, sitemaps and cards carry absolute URLs; they must point at this server.
    SITE_URL: `http://127.0.0.1:${port}`,
    ...options.env,
  }
  if (options.build !== false) await run(['build'], env)
  const serverLog = join(dataDir, 'site.log')
  const servers = ports.map((p, i) => startServer(p, env, i === 0 ? serverLog : join(dataDir, `site-${i}.log`)))
  const instanceUrls = ports.map((p) => `http://127.0.0.1:${p}`)
  await Promise.all(instanceUrls.map((url, i) => waitForHttp(url, servers[i] as ChildProcess)))
  const studio = studioPort
    ? await ensureStudioBuild().then(() =>
        startStudioServer({ port: studioPort, config: { lakeUrl: `http://localhost:${lake.port}`, previewUrl: instanceUrls[0] } }),
      )
    : undefined
  return {
    studioUrl: studio?.url,
    siteUrl: instanceUrls[0] as string,
    instanceUrls,
    get lake() {
      return lake
    },
    stopLake: () => lake.close(),
    async resumeLake() {
      lake = await startLake({ ...lakeOptions, port: lake.port })
    },
    webhookSecret,
    serverLog,
    serverPid: servers[0]?.pid ?? 0,
    async stop() {
      for (const server of servers) server.kill('SIGTERM')
      studio?.close()
      await lake.close()
      await rm(dataDir, { recursive: true, force: true })
      await releaseBuildLock()
    },
  }
}
