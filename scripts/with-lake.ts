/**
 * Runs a command (next dev, next build, next start) with its content source ready. With
 * SANITY_PROJECT_ID set the command talks to Sanity's hosted lake and runs as is; otherwise this
 * starts the embedded lake (seeded on first run), hands its URL and token to the command through
 * the environment, and stops the lake when the command ends.
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { startLake } from '../sanity/lake/server'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: tsx scripts/with-lake.ts <command> [args...]')
  process.exit(2)
}

const root = resolve(import.meta.dirname, '..')
const env = { ...process.env }
let lake: Awaited<ReturnType<typeof startLake>> | undefined

if (!env.SANITY_PROJECT_ID) {
  lake = await startLake({
    port: Number(env.LAKE_PORT ?? 3400),
    host: env.LAKE_HOST ?? '127.0.0.1',
    dataDir: resolve(root, env.LAKE_DATA_DIR ?? '.lake-data'),
    seedDir: resolve(root, env.LAKE_SEED_DIR ?? 'sanity/seed'),
    token: env.LAKE_TOKEN,
  })
  env.FACTLINE_LAKE_URL = lake.url
  env.SANITY_API_READ_TOKEN = lake.token
  console.log(`Embedded content lake on ${lake.url} (data in ${env.LAKE_DATA_DIR ?? '.lake-data'})`)
}

const child = spawn(command, args, { stdio: 'inherit', env, cwd: root })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', async (code, signal) => {
  await lake?.close()
  process.exit(code ?? (signal ? 1 : 0))
})
