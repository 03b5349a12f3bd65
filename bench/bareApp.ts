/**
 * The baseline the page and bytes benches compare against: a bare App Router app (one root layout,
 * one page of text, no proxy, no data) built by the project's own Next.js with the same version and
 * settings, so its page is prerendered and its JavaScript is the framework's alone. It is built in a
 * temporary folder inside the project (node_modules resolve from there) because a route added to
 * the site itself would sit under the site's root layout, which renders every page per request.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const root = resolve(import.meta.dirname, '..')
const nextBin = join(root, 'node_modules/.bin/next')

export type BareApp = { dir: string; start(port: number): Promise<{ url: string; stop(): void }>; remove(): Promise<void> }

function run(args: string[], cwd: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(nextBin, args, {
      cwd,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`bare app: next ${args.join(' ')} exited with ${code}`))))
  })
}

async function waitForHttp(url: string, child: ChildProcess) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`bare app: next start exited with ${child.exitCode}`)
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`bare app: ${url} did not answer`)
}

export type BareAppOptions = {
  /** Characters of text on its page (the text is in the HTML twice: markup and RSC payload). */
  textLength?: number
  /**
   * Serve the page the way the site serves a story: the site's own next.config (cache handler,
   * header rules), its proxy, and a dynamic `/articles/[slug]` route rendered on first request and
   * then cached. Compared with the story, this leaves out only what the story's page itself costs.
   */
  siteShaped?: boolean
}

const BARE_LAYOUT = `export const metadata = { title: 'Bare page' }
export default function RootLayout({ children }) {
  return <html lang="en"><body>{children}</body></html>
}
`

/** Builds the bare app: one root layout and one page of text, at `/` or, site-shaped, at `/articles/<any slug>`. */
export async function buildBareApp({ textLength = 0, siteShaped = false }: BareAppOptions = {}): Promise<BareApp> {
  const dir = await mkdtemp(join(root, '.bench-bare-'))
  const text = 'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(textLength / 45)).slice(0, textLength)
  const page = `<main><h1>Bare page</h1><p>${JSON.stringify(text)}</p></main>`
  await mkdir(join(dir, 'app'))
  await writeFile(join(dir, 'app/layout.jsx'), BARE_LAYOUT)
  if (siteShaped) {
    await writeFile(
      join(dir, 'next.config.ts'),
      `import site from '../next.config'\nexport default { ...site, turbopack: { root: ${JSON.stringify(root)} }, typescript: { ignoreBuildErrors: true } }\n`,
    )
    // The site's config and proxy as they are (this app is a folder of the project); only the
    // proxy's '@/' imports are spelled out, since this app has no alias.
    const proxy = await readFile(join(root, 'proxy.ts'), 'utf8')
    await writeFile(join(dir, 'proxy.ts'), proxy.replaceAll("'@/", "'../"))
    await mkdir(join(dir, 'app/articles/[slug]'), { recursive: true })
    await writeFile(
      join(dir, 'app/articles/[slug]/page.jsx'),
      `export async function generateStaticParams() {\n  return []\n}\nexport default function Page() {\n  return ${page}\n}\n`,
    )
  } else {
    await writeFile(
      join(dir, 'next.config.mjs'),
      `export default { poweredByHeader: false, turbopack: { root: ${JSON.stringify(root)} } }\n`,
    )
    await writeFile(join(dir, 'app/page.jsx'), `export default function Page() {\n  return ${page}\n}\n`)
  }
  await run(['build'], dir)
  return {
    dir,
    async start(port) {
      const server = spawn(nextBin, ['start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, stdio: 'ignore' })
      const url = `http://127.0.0.1:${port}${siteShaped ? '/articles/bare-page' : '/'}`
      await waitForHttp(url, server)
      return { url, stop: () => server.kill('SIGTERM') }
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}

type RouteBundleStats = { route: string; firstLoadChunkPaths: string[] }[]

/** Gzipped bytes of the JavaScript a route loads first, from a build's route-bundle-stats.json. */
export async function firstLoadGzipBytes(appDir: string, route: string): Promise<number> {
  const stats: RouteBundleStats = JSON.parse(await readFile(join(appDir, '.next/diagnostics/route-bundle-stats.json'), 'utf8'))
  const entry = stats.find((s) => s.route === route)
  if (!entry) throw new Error(`${route} is not in ${appDir}/.next/diagnostics/route-bundle-stats.json`)
  const sizes = await Promise.all(entry.firstLoadChunkPaths.map(async (path) => gzipSync(await readFile(join(appDir, path))).length))
  return sizes.reduce((a, b) => a + b, 0)
}
