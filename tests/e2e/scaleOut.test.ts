import { createClient } from '@redis/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningRedis, startRedis } from '../harness/redis'
import { REFERENCE_STORY, reviseMarchImports, waitForText } from '../harness/revision'
import { type RunningSite, startSite } from '../harness/site'

describe('two instances sharing one cache in Redis', () => {
  let redis: RunningRedis
  let site: RunningSite

  beforeAll(async () => {
    redis = await startRedis()
    // The lake's webhook reaches the first instance only, as a load balancer would deliver it.
    site = await startSite({ build: false, instances: 2, env: { REDIS_URL: redis.url } })
  })
  afterAll(async () => {
    await site?.stop()
    await redis?.stop()
  })

  it('shows a revised figure on both, though only one was told', async () => {
    for (const instance of site.instanceUrls) {
      await expect(fetch(`${instance}${REFERENCE_STORY}`).then((r) => r.text())).resolves.toContain('$12.98 million')
    }
    const client = await createClient({ url: redis.url }).connect()
    expect(await client.keys('factline:*')).not.toEqual([])
    client.destroy()
    await reviseMarchImports(site, 13_500_000)
    for (const instance of site.instanceUrls) await waitForText(`${instance}${REFERENCE_STORY}`, '$13.5 million', 10_000)
  })
})
