/**
 * The site as readers get it, for end-to-end tests and benches: the embedded lake (seeded, on a
 * free port, in a temporary directory, sending signed webhooks to the site), a production
 * `next build` against it, and `next start` on a free port.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { closeSync, openSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type RunningLake, startLake } from '../../sanity/lake/server'

const root = resolve(import.meta.dirname, '../..')
const nextBin = join(root, 'node_modules/.bin/next')

export type RunningSite = {
  siteUrl: string
  lake: RunningLake
  webhookSecret: string
  /** SANITY_PREVIEW_SECRET, which turns on draft preview. */
  previewSecret: string
  /** Everything the site's server printed, for tests of what it logs. */
  serverLog: string
  /** The `next start` process, for measuring its memory. */
  serverPid: number
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
async function acquireBuildLock(): Promise<() => Promise<void>> {
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

export async function startSite(options: { seedDir?: string } = {}): Promise<RunningSite> {
  const releaseBuildLock = await acquireBuildLock()
  const dataDir = await mkdtemp(join(tmpdir(), 'factline-site-'))
  const port = await freePort()
  const webhookSecret = randomBytes(24).toString('base64url')
  const previewSecret = randomBytes(24).toString('base64url')
  const lake = await startLake({
    port: 0,
    dataDir,
    seedDir: options.seedDir ?? join(root, 'sanity/seed'),
    webhooks: [{ url: `http://127.0.0.1:${port}/api/revalidate`, secret: webhookSecret }],
  })
  const env = {
    ...process.env,
    FACTLINE_LAKE_URL: lake.url,
    SANITY_API_READ_TOKEN: lake.token,
    SANITY_WEBHOOK_SECRET: webhookSecret,
    SANITY_PREVIEW_SECRET: previewSecret,
    SANITY_PROJECT_ID: '',
    NEXT_TELEMETRY_DISABLED: '1',
    // Feeds, sitemaps and cards carry absolute URLs; they must point at this server.
    SITE_URL: `http://127.0.0.1:${port}`,
  }
  await run(['build'], env)
  const serverLog = join(dataDir, 'site.log')
  const logFd = openSync(serverLog, 'a')
  const server = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', logFd, logFd] })
  closeSync(logFd)
  const siteUrl = `http://127.0.0.1:${port}`
  await waitForHttp(siteUrl, server)
  return {
    siteUrl,
    lake,
    webhookSecret,
    previewSecret,
    serverLog,
    serverPid: server.pid ?? 0,
    async stop() {
      server.kill('SIGTERM')
      await lake.close()
      await rm(dataDir, { recursive: true, force: true })
      await releaseBuildLock()
    },
  }
}
