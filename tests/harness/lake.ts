import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { SanityClient } from '@sanity/client'
import { createContentClient } from '@/lib/content/client'
import { type RunningLake, startLake } from '../../sanity/lake/lake'

export const SEED_DIR = resolve(import.meta.dirname, '../../sanity/seed')

/** The app's own client, pointed at an embedded lake; with the lake's token it may write and read drafts. */
export function lakeClient(url: string, token?: string): SanityClient {
  return createContentClient({ projectId: 'local', dataset: 'production', apiHost: url, token })
}

export type TestLake = { lake: RunningLake; client: SanityClient; stop(): Promise<void> }

/**
 * A lake on a free port in a fresh temporary directory, seeded from the committed export unless told
 * not to be. `keepReleases: false` makes it enforce nothing of the app's, like Sanity's hosted lake.
 */
export async function startTestLake(options: { seeded?: boolean; keepReleases?: boolean } = {}): Promise<TestLake> {
  const dataDir = await mkdtemp(join(tmpdir(), 'factline-lake-'))
  const lake = await startLake({
    port: 0,
    dataDir,
    seedDir: options.seeded === false ? undefined : SEED_DIR,
    keepReleases: options.keepReleases,
  })
  return {
    lake,
    client: lakeClient(lake.url, lake.token),
    async stop() {
      await lake.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
