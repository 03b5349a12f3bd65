import path from 'node:path'
import { LAKE_DEFAULT_PORT } from '../../lib/content/config'
import type { LakeOptions } from './lake'

const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * The lake's options from the environment: LAKE_PORT (3400), LAKE_HOST (127.0.0.1), LAKE_DATA_DIR
 * (.lake-data), LAKE_TOKEN (else the one kept in the data dir), LAKE_SEED_DIR (sanity/seed,
 * imported into an empty data dir; "" for none), LAKE_WEBHOOK_URL + SANITY_WEBHOOK_SECRET (a
 * signed webhook per published change), LAKE_STUDIO_ORIGINS (comma-separated origins of Studios that may
 * call the lake from a browser and sign in as its local editor). Without LAKE_STUDIO_ORIGINS, the local
 * Studio's origins (STUDIO_PORT, 3333) are allowed only with `studio`, when a Studio is started beside
 * the lake: otherwise any page on that port (no Studio runs there) could take the editor's session.
 * LAKE_QUERY_TIMEOUT_MS bounds each query's evaluation (2000).
 */
const studioOrigins = (port: string) => `http://localhost:${port},http://127.0.0.1:${port}`

export function lakeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env, { studio = false } = {}): LakeOptions {
  const seedDir = env.LAKE_SEED_DIR ?? 'sanity/seed'
  return {
    port: env.LAKE_PORT ? Number(env.LAKE_PORT) : LAKE_DEFAULT_PORT,
    host: env.LAKE_HOST || '127.0.0.1',
    dataDir: path.resolve(repoRoot, env.LAKE_DATA_DIR || '.lake-data'),
    token: env.LAKE_TOKEN || undefined,
    seedDir: seedDir ? path.resolve(repoRoot, seedDir) : undefined,
    studioOrigins: (env.LAKE_STUDIO_ORIGINS ?? (studio ? studioOrigins(env.STUDIO_PORT || '3333') : '')).split(',').filter(Boolean),
    queryLimits: env.LAKE_QUERY_TIMEOUT_MS ? { timeoutMs: Number(env.LAKE_QUERY_TIMEOUT_MS) } : undefined,
    webhooks: env.LAKE_WEBHOOK_URL && env.SANITY_WEBHOOK_SECRET ? [{ url: env.LAKE_WEBHOOK_URL, secret: env.SANITY_WEBHOOK_SECRET }] : [],
  }
}
