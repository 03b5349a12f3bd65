/**
 * Starts what a reader's browser talks to: the embedded lake (seeded, on a free port, in a
 * temporary directory), a production `next build` against it, and `next start` on a free port.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startLake } from '../../sanity/lake/server'

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string
    lakeUrl: string
    lakeToken: string
  }
}

const root = resolve(import.meta.dirname, '../..')
const nextBin = join(root, 'node_modules/.bin/next')

function freePort(): Promise<number> {
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

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'factline-e2e-'))
  const lake = await startLake({ port: 0, dataDir, seedDir: join(root, 'sanity/seed') })
  const env = {
    ...process.env,
    FACTLINE_LAKE_URL: lake.url,
    SANITY_API_READ_TOKEN: lake.token,
    SANITY_PROJECT_ID: '',
    NEXT_TELEMETRY_DISABLED: '1',
  }
  await run(['build'], env)
  const port = await freePort()
  const server = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const siteUrl = `http://127.0.0.1:${port}`
  await waitForHttp(siteUrl, server)
  project.provide('siteUrl', siteUrl)
  project.provide('lakeUrl', lake.url)
  project.provide('lakeToken', lake.token)
  return async () => {
    server.kill('SIGTERM')
    await lake.close()
    await rm(dataDir, { recursive: true, force: true })
  }
}
