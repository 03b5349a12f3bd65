/**
 * Runs a command (next dev, next build, next start) with its content source ready. With
 * SANITY_PROJECT_ID set the command talks to Sanity's hosted lake and runs as is; otherwise this
 * starts the embedded lake (seeded on first run), hands its URL, token and webhook secret to the
 * command through the environment, points the lake's webhook at the site, and stops the lake
 * when the command ends.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { REVALIDATE_PATH } from '../lib/site/paths'
import { startLake } from '../sanity/lake/lake'
import { relaunchWithLakeFlags } from '../sanity/lake/nodeFlags'
import { lakeOptionsFromEnv } from '../sanity/lake/options'
import { ensureStudioBuild, type StudioServer, startStudioServer } from '../sanity/local/studioServer'

// The lake runs in this process, with its V8 flags.
if (!process.env.SANITY_PROJECT_ID) await relaunchWithLakeFlags()

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: tsx scripts/with-lake.ts <command> [args...]')
  process.exit(2)
}

const env = { ...process.env }
// Only `next dev` runs the Studio beside the site: `next build` and `next start` hand the editor's session to no browser.
const runsStudio = command === 'next' && args[0] === 'dev'
let lake: Awaited<ReturnType<typeof startLake>> | undefined
let studio: StudioServer | undefined
const portFlag = args.findIndex((a) => a === '-p' || a === '--port')
const sitePort = (portFlag >= 0 ? args[portFlag + 1] : undefined) ?? env.PORT ?? '3000'
const studioPort = Number(env.STUDIO_PORT || 3333)
// The Studio the site's draft previews link to and are framed by (lib/content/studioUrl.ts).
if (runsStudio) env.SANITY_STUDIO_URL ||= `http://localhost:${studioPort}`

if (!env.SANITY_PROJECT_ID) {
  env.SANITY_WEBHOOK_SECRET ||= randomBytes(24).toString('base64url')
  env.LAKE_WEBHOOK_URL ||= `http://127.0.0.1:${sitePort}${REVALIDATE_PATH}`
  const options = lakeOptionsFromEnv(env, { studio: runsStudio })
  lake = await startLake(options).catch((err: Error) => {
    console.error(`The embedded content lake did not start: ${err.message}`)
    process.exit(1)
  })
  env.FACTLINE_LAKE_URL = lake.url
  env.SANITY_API_READ_TOKEN = lake.token
  console.log(`Embedded content lake on ${lake.url} (data in ${options.dataDir})`)
}

const child = spawn(command, args, { stdio: 'inherit', env })
// In development the real Studio edits the same lake, signed in as its local editor: the production
// build, which opens in a second where `sanity dev` compiles for many (`npm run studio` for schema work).
if (lake && runsStudio) {
  const lakeUrl = `http://localhost:${lake.port}`
  ensureStudioBuild()
    .then(() => startStudioServer({ port: studioPort, config: { lakeUrl, previewUrl: `http://localhost:${sitePort}` } }))
    .then(
      (started) => {
        studio = started
        console.log(`Sanity Studio on ${env.SANITY_STUDIO_URL}, signed in as the lake's local editor`)
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
