/**
 * The production edge: renders deploy/nginx/nginx.conf with a port and the `next start`
 * instances behind it, and runs Debian's nginx on loopback with a prefix directory of its own
 * (cache, temp files, logs), as the current user.
 *
 *   tsx scripts/edge.ts --port 8080 --upstream 127.0.0.1:3000 [--upstream 127.0.0.1:3001 ...]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { BACK_SHORTLY_HTML, RETRY_AFTER_SECONDS } from '../lib/http/backShortlyPage.mjs'

const deployDir = resolve(import.meta.dirname, '../deploy/nginx')
const NGINX = process.env.NGINX_PATH ?? 'nginx'
// Debian installs nginx in /usr/sbin, which a user's PATH often leaves out.
const PATH = `${process.env.PATH}:/usr/sbin`

export type RunningEdge = { url: string; stop(): Promise<void> }

/** nginx.conf for the edge; `pages` is the directory that holds its 503 page. */
export function renderEdgeConfig(options: { port: number; upstreams: string[]; pages: string }): Promise<string> {
  return readFile(join(deployDir, 'nginx.conf'), 'utf8').then((template) =>
    template
      // nginx started by root hands its workers to `nobody`, who could not write the prefix.
      .replace('{{user}}', process.getuid?.() === 0 ? `user ${userInfo().username};` : '')
      .replace('{{port}}', String(options.port))
      .replace('{{upstreams}}', options.upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=2s;`).join('\n'))
      .replace('{{pages}}', options.pages)
      .replace('{{retryAfter}}', String(RETRY_AFTER_SECONDS)),
  )
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      done(true)
    })
    socket.once('error', () => done(false))
  })
}

async function waitForPort(port: number, nginx: ChildProcess, log: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (nginx.exitCode !== null) throw new Error(`nginx exited with ${nginx.exitCode}: ${await readFile(log, 'utf8').catch(() => '')}`)
    if (await accepts(port)) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`nginx did not listen on ${port}`)
}

export async function startEdge(options: { port: number; upstreams: string[] }): Promise<RunningEdge> {
  const prefix = await mkdtemp(join(tmpdir(), 'factline-edge-'))
  const config = join(prefix, 'nginx.conf')
  const log = join(prefix, 'error.log')
  // The app's own "back shortly" page, so the edge and the origin answer an outage alike.
  await writeFile(join(prefix, '503.html'), BACK_SHORTLY_HTML)
  await writeFile(config, await renderEdgeConfig({ ...options, pages: prefix }))
  const nginx = spawn(NGINX, ['-p', prefix, '-c', config, '-e', log], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PATH },
  })
  const removePrefix = () => rm(prefix, { recursive: true, force: true })
  try {
    await new Promise<void>((done, fail) => {
      nginx.once('spawn', done)
      nginx.once('error', (error) =>
        fail(new Error(`nginx could not be started (${error.message}); install Debian's nginx: apt-get install nginx`)),
      )
    })
    await waitForPort(options.port, nginx, log)
  } catch (error) {
    nginx.kill('SIGTERM')
    await removePrefix()
    throw error
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    async stop() {
      const exited = new Promise((r) => nginx.once('exit', r))
      nginx.kill('SIGTERM')
      await exited
      await removePrefix()
    },
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8080' }, upstream: { type: 'string', multiple: true } } })
  const upstreams = values.upstream ?? ['127.0.0.1:3000']
  const edge = await startEdge({ port: Number(values.port), upstreams })
  console.log(`Edge on ${edge.url} in front of ${upstreams.join(', ')}`)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => edge.stop().then(() => process.exit(0)))
}
