import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import sirv from 'sirv'
import { RUNTIME_CONFIG_GLOBAL, type StudioRuntimeConfig } from '../env'

const studioDir = path.resolve(import.meta.dirname, '..')
const root = path.resolve(studioDir, '..')
const sanityBin = path.join(root, 'node_modules/.bin/sanity')
/** Where the production Studio is built; beside it, the fingerprint of the sources it was built from. */
export const STUDIO_BUILD_DIR = path.join(studioDir, 'dist')
const STUDIO_BUILD_DIR_NAME = 'sanity/dist'
const FINGERPRINT_FILE = '.sources-fingerprint'

/** What the Studio's bundle is built from: its config, schema and components, the app code they import, the installed packages. */
const SOURCE_DIRS = ['sanity', 'lib', 'components']
const NOT_SOURCES = new Set([
  STUDIO_BUILD_DIR_NAME,
  'sanity/lake',
  'sanity/seed',
  'sanity/node_modules',
  'sanity/.sanity',
  'sanity/schema.json',
])
/** Values Vite builds into the bundle (a hosted project's id and dataset). */
const BUILT_IN_ENV = ['SANITY_STUDIO_PROJECT_ID', 'SANITY_PROJECT_ID', 'SANITY_STUDIO_DATASET', 'SANITY_DATASET']

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true })
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = `${dir}/${entry.name}`
      if (NOT_SOURCES.has(relative) || relative.startsWith(`${STUDIO_BUILD_DIR_NAME}.`)) return []
      return entry.isDirectory() ? sourceFiles(relative) : [relative]
    }),
  )
  return nested.flat()
}

/** A hash of every file the Studio's bundle can depend on, their paths included, and of the environment built in. */
export async function studioSourcesFingerprint(env: Record<string, string | undefined> = process.env): Promise<string> {
  const files = [...(await Promise.all(SOURCE_DIRS.map(sourceFiles))).flat(), 'package-lock.json'].toSorted()
  const hash = createHash('sha256')
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(root, file)))
      .update('\0')
  for (const name of BUILT_IN_ENV) hash.update(`${name}=${env[name] ?? ''}\0`)
  return hash.digest('hex')
}

function runSanityBuild(outDir: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(sanityBin, ['build', outDir, '--yes'], {
      cwd: studioDir,
      // Production whoever starts it: under a test runner (NODE_ENV=test) or a dev server the bundle
      // would otherwise carry React's development build, slower and noisy, and be reused after.
      env: { ...process.env, NODE_ENV: 'production', DO_NOT_TRACK: '1' },
      stdio: 'inherit',
    })
    child.once('error', fail)
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`sanity build exited with ${code}`))))
  })
}

const COMPRESSIBLE = /\.(?:js|css|svg|json|html)$/
const brotli = promisify(brotliCompress)
const gzipped = promisify(gzip)

/**
 * Each text asset of a build beside its brotli and gzip forms, compressed once at build time (sirv
 * serves whichever the browser accepts): the Studio's 6 MB of JavaScript is 1.5 MB to send to an
 * editor across the newsroom's network. Brotli at 6, not 11: a quarter of a second for the whole
 * build rather than twenty, for a few per cent more bytes.
 */
async function precompress(dir: string): Promise<void> {
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter(
    (entry) => entry.isFile() && COMPRESSIBLE.test(entry.name),
  )
  for (const entry of files) {
    const file = path.join(entry.parentPath, entry.name)
    const content = await readFile(file)
    await writeFile(`${file}.br`, await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }))
    await writeFile(`${file}.gz`, await gzipped(content, { level: 9 }))
  }
}

/**
 * The production Studio (`sanity build`), built again only when a source changed since the last
 * build, so starting it costs a build once rather than on every `npm run dev`. A build goes to a
 * folder of its own and replaces the old one in one rename: a server never serves half a build.
 */
export async function ensureStudioBuild(): Promise<{ built: boolean }> {
  const fingerprint = await studioSourcesFingerprint()
  const built = await readFile(path.join(STUDIO_BUILD_DIR, FINGERPRINT_FILE), 'utf8').catch(() => '')
  if (built === fingerprint) return { built: false }
  const staging = `${STUDIO_BUILD_DIR}.building-${process.pid}`
  try {
    await runSanityBuild(staging)
    await precompress(staging)
    await writeFile(path.join(staging, FINGERPRINT_FILE), fingerprint)
    await rm(STUDIO_BUILD_DIR, { recursive: true, force: true })
    await rename(staging, STUDIO_BUILD_DIR)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return { built: true }
}

type ViteManifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>

/**
 * Every chunk the Studio's entry imports statically, however deep. Sanity writes its own index
 * page, without the preload links Vite would add, so a browser otherwise finds them one import
 * level at a time, each level a round trip after the one before; listed up front, it fetches them
 * all at once. (The build puts the start-up code in one chunk, sanity.cli.ts: a few files.)
 */
export function staticImports(manifest: ViteManifest): string[] {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return
    seen.add(key)
    for (const imported of manifest[key].imports ?? []) visit(imported)
  }
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key)
  return [...seen].flatMap((key) => (manifest[key]?.isEntry ? [] : [`/${manifest[key]?.file}`]))
}

/**
 * The built index page with the run-time addresses set before the bundle runs (sanity/env.ts reads
 * them), and the entry's static imports preloaded.
 */
export function withRuntimeConfig(indexHtml: string, config: StudioRuntimeConfig, preload: string[] = []): string {
  // `<` escaped, so no value can close the script element.
  const json = JSON.stringify(config).replaceAll('<', '\\u003c')
  const links = preload.map((href) => `<link rel="modulepreload" crossorigin href="${href}"/>`).join('')
  return indexHtml.replace('<head>', `<head><script>window.${RUNTIME_CONFIG_GLOBAL}=${json}</script>${links}`)
}

// Vite names a built chunk by its content: such a file never changes under its name.
const HASHED_ASSET = /^\/static\/.+-[\w-]{8}\.(?:js|css)$/

export type StudioServer = { url: string; close(): Promise<void> }

/**
 * Serves the built Studio: hashed assets cached for good, and for every other address (the
 * Studio's own routes, /structure/…, /presentation/…) its index page, carrying the lake and site
 * addresses given now. The lake must list this server's origin among its Studio origins.
 */
export async function startStudioServer(options: { port: number; host?: string; config: StudioRuntimeConfig }): Promise<StudioServer> {
  const manifest = await readFile(path.join(STUDIO_BUILD_DIR, '.vite/manifest.json'), 'utf8').then(JSON.parse, () => ({}))
  const index = withRuntimeConfig(
    await readFile(path.join(STUDIO_BUILD_DIR, 'index.html'), 'utf8'),
    options.config,
    staticImports(manifest),
  )
  const sendIndex = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' })
    res.end(index)
  }
  const assets = sirv(STUDIO_BUILD_DIR, {
    etag: true,
    brotli: true,
    gzip: true,
    onNoMatch: sendIndex,
    setHeaders: (res, pathname) => {
      res.setHeader('cache-control', HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://studio').pathname
    if (pathname === '/' || pathname === '/index.html') sendIndex(req, res)
    else assets(req, res)
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port, host, done)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  }
}
