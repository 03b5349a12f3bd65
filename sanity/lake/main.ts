/**
 * Runs the embedded content lake on its own: `npx tsx sanity/lake/main.ts`.
 * LAKE_PORT (3400), LAKE_HOST (127.0.0.1), LAKE_DATA_DIR (.lake-data), LAKE_TOKEN (else the one kept
 * in the data dir), LAKE_SEED_DIR (sanity/seed; imported into an empty data dir, "" for none).
 */
import path from 'node:path'
import { startLake } from './server'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const env = process.env
const dataDir = path.resolve(repoRoot, env.LAKE_DATA_DIR || '.lake-data')
const seedDir = env.LAKE_SEED_DIR ?? path.join(repoRoot, 'sanity/seed')

const lake = await startLake({
  port: env.LAKE_PORT ? Number(env.LAKE_PORT) : 3400,
  host: env.LAKE_HOST || '127.0.0.1',
  dataDir,
  token: env.LAKE_TOKEN || undefined,
  seedDir: seedDir ? path.resolve(repoRoot, seedDir) : undefined,
})
console.log(`Content lake listening on ${lake.url} (data in ${dataDir}, API token in ${path.join(dataDir, 'token')})`)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    lake.close().then(
      () => process.exit(0),
      (err) => {
        console.error('Content lake: could not shut down cleanly:', err)
        process.exit(1)
      },
    )
  })
}
