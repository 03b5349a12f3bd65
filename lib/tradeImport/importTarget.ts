import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type ContentSource, contentSourceFromEnv } from '@/lib/content/config'
import { lakeOptionsFromEnv } from '../../sanity/lake/options'

/** Where an import writes, with the token to write there, or why it cannot. */
export type ImportTarget = { source: ContentSource; where: string; token?: string; missingToken: string }

/**
 * The content source the rest of the project uses: with SANITY_PROJECT_ID, that hosted project
 * (SANITY_DATASET) with SANITY_API_WRITE_TOKEN; otherwise the embedded lake where the launcher
 * puts it (FACTLINE_LAKE_URL, else LAKE_HOST and LAKE_PORT as `npm run lake` reads them) with its
 * token (LAKE_TOKEN, else the one it keeps in LAKE_DATA_DIR, absolute or relative to the project).
 */
export function importTargetFromEnv(env: NodeJS.ProcessEnv = process.env): ImportTarget {
  if (env.SANITY_PROJECT_ID) {
    const source = contentSourceFromEnv(env)
    return {
      source,
      where: `project ${source.projectId}, dataset ${source.dataset}`,
      token: env.SANITY_API_WRITE_TOKEN || undefined,
      missingToken: 'No write token: set SANITY_API_WRITE_TOKEN to an Editor token of the project.',
    }
  }
  const lake = lakeOptionsFromEnv(env)
  // A lake listening on every interface is reached on this machine through the loopback.
  const host = !lake.host || lake.host === '0.0.0.0' || lake.host === '::' ? '127.0.0.1' : lake.host
  const apiHost = env.FACTLINE_LAKE_URL || `http://${host.includes(':') ? `[${host}]` : host}:${lake.port}`
  const tokenFile = join(lake.dataDir, 'token')
  return {
    source: { projectId: 'local', dataset: 'production', apiHost },
    where: `the embedded lake at ${apiHost}`,
    token: lake.token ?? (existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined),
    missingToken: `No write token: the embedded lake keeps one in ${tokenFile}, which does not exist. Start the lake once (\`npm run lake\`), point LAKE_DATA_DIR at its data directory, or set LAKE_TOKEN.`,
  }
}
