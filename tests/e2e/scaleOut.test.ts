import { createClient } from '@redis/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningRedis, startRedis } from '../harness/redis'
import { REFERENCE_STORY } from '../harness/referenceStory'
import { reviseMarchImports, waitForText } from '../harness/revision'
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

  it('tells open pages on the instance the webhook did not reach', async () => {
    const stream = await fetch(`${site.instanceUrls[1]}/api/live`)
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let received = ''
    // Waits for `text` on the stream, giving up (by closing it) after 5 s.
    const readUntil = async (text: string) => {
      const timer = setTimeout(() => void reader.cancel(), 5_000)
      try {
        while (!received.includes(text)) {
          const chunk = await reader.read()
          if (chunk.done) throw new Error(`no "${text}" within 5 s; the stream said: ${received}`)
          received += decoder.decode(chunk.value, { stream: true })
        }
      } finally {
        clearTimeout(timer)
      }
    }
    await readUntil('event: hello')
    await reviseMarchImports(site, 13_600_000)
    await readUntil('event: content')
    expect(received).toContain('"documentId":"tradeSeries.chn-prk-x-total-m"')
    await reader.cancel()
  })
})
