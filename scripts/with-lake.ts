/**
 * Runs a command (next dev, next build, next start) with its content source ready. With
 * SANITY_PROJECT_ID set the command talks to Sanity's hosted lake and runs as is; otherwise this
 * starts the embedded lake (seeded on first run), hands its URL, token and webhook secret to the
 * command through the environment, points the lake's webhook at the site, and stops the lake
 * when the command ends.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { REVALIDATE_PATH } from '../lib/site/paths'
import { startLake } from '../sanity/lake/lake'
import { lakeOptionsFromEnv } from '../sanity/lake/options'
import { type StudioDevServer, startStudioDevServer } from '../sanity/local/studioDevServer'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: tsx scripts/with-lake.ts <command> [args...]')
  process.exit(2)
}

const env = { ...process.env }
// Only `next dev` runs the Studio beside the site: `next build` and `next start` hand the editor's session to no browser.
const runsStudio = command === 'next' && args[0] === 'dev'
let lake: Awaited<ReturnType<typeof startLake>> | undefined
let studio: StudioDevServer | undefined

if (!env.SANITY_PROJECT_ID) {
  const portFlag = args.findIndex((a) => a === '-p' || a === '--port')
  const sitePort = (portFlag >= 0 ? args[portFlag + 1] : undefined) ?? env.PORT ?? '3000'
  env.SANITY_WEBHOOK_SECRET ||= randomBytes(24).toString('base64url')
  // Draft preview needs a secret; a local lake gets a fresh one each launch unless one is set.
  env.SANITY_PREVIEW_SECRET ||= randomBytes(24).toString('base64url')
  env.LAKE_WEBHOOK_URL ||= `http://127.0.0.1:${sitePort}${REVALIDATE_PATH}`
  const options = lakeOptionsFromEnv(env, { studio: runsStudio })
  lake = await startLake(options).catch((err: Error) => {
    console.error(`The embedded content lake did not start: ${err.message}`)
    process.exit(1)
  })
  env.FACTLINE_LAKE_URL = lake.url
  env.SANITY_API_READ_TOKEN = lake.token
  console.log(`Embedded content lake on ${lake.url} (data in ${options.dataDir})`)
  // Logs are shared and kept; the secret goes to a file only this user can read.
  const previewLink = path.join(options.dataDir, 'preview-link')
  writeFileSync(previewLink, `/api/draft-mode/enable?secret=${env.SANITY_PREVIEW_SECRET}&redirect=/articles/<slug>\n`, { mode: 0o600 })
  chmodSync(previewLink, 0o600)
  console.log(`Draft preview: the link with this launch's secret is in ${previewLink} (readable by you only)`)
}

const child = spawn(command, args, { stdio: 'inherit', env })
// In development the real Studio edits the same lake, signed in as its local editor.
if (lake && runsStudio) {
  startStudioDevServer({ port: Number(env.STUDIO_PORT || 3333), lakePort: lake.port }).then(
    (started) => {
      studio = started
      console.log(`Sanity Studio on ${started.url}, signed in as the lake's local editor`)
    },
    (err) => console.error('The Studio did not start:', err),
  )
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', async (code, signal) => {
  studio?.close()
  await lake?.close()
  process.exit(code ?? (signal ? 1 : 0))
})
