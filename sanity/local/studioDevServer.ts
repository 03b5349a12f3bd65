import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

const studioDir = path.resolve(import.meta.dirname, '..')
const sanityBin = path.resolve(studioDir, '../node_modules/.bin/sanity')

export type StudioDevServer = { url: string; process: ChildProcess; close(): void }

/**
 * Runs the real Studio (`sanity dev`, our config and schema) against the embedded lake at
 * `lakeUrl`. The lake must list the Studio's origin in its `studioOrigins`. The lake is addressed
 * as `localhost` so the Studio can spread its live listeners over `*.localhost` (see
 * localEditorAuth).
 */
export async function startStudioDevServer(options: {
  port: number
  lakePort: number
  stdio?: 'inherit' | 'ignore'
}): Promise<StudioDevServer> {
  const url = `http://127.0.0.1:${options.port}`
  const child = spawn(sanityBin, ['dev', '--host', '127.0.0.1', '--port', String(options.port)], {
    cwd: studioDir,
    env: {
      ...process.env,
      DO_NOT_TRACK: '1',
      SANITY_PROJECT_ID: '',
      SANITY_STUDIO_PROJECT_ID: '',
      SANITY_STUDIO_LAKE_URL: `http://localhost:${options.lakePort}`,
    },
    stdio: ['ignore', options.stdio ?? 'ignore', options.stdio ?? 'ignore'],
  })
  for (let attempt = 0; attempt < 1200; attempt++) {
    if (child.exitCode !== null) throw new Error(`sanity dev exited with ${child.exitCode}`)
    const up = await fetch(url).then(
      (response) => response.ok,
      () => false,
    )
    if (up) return { url, process: child, close: () => child.kill('SIGTERM') }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGTERM')
  throw new Error(`The Studio at ${url} did not answer`)
}
