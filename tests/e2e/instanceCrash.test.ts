import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningEdge, startEdge } from '../../scripts/edge'
import { REFERENCE_STORY } from '../harness/referenceStory'
import { freePort, type RunningSite, startSite } from '../harness/site'

const OTHER_PAGES = ['/', '/sections/economy', '/data/north-korea-imports-from-china', '/authors/ahn-sung-mi', '/feeds/rss.xml']

describe('an instance that crashes while rendering', () => {
  let site: RunningSite
  let edge: RunningEdge

  beforeAll(async () => {
    site = await startSite({ build: false, instances: 2 })
    edge = await startEdge({ port: await freePort(), upstreams: site.instanceUrls.map((url) => new URL(url).host) })
  })
  afterAll(async () => {
    await edge?.stop()
    await site?.stop()
  })

  it('costs readers nothing: the edge sends every request to the instance still running', async () => {
    // A query string per request makes each one miss the edge's cache and reach an instance.
    let sequence = 0
    const read = async (path: string) => {
      const response = await fetch(`${edge.url}${path}?reader=${sequence++}`)
      await response.arrayBuffer()
      return { path, status: response.status }
    }
    expect((await read(REFERENCE_STORY)).status).toBe(200)
    // kill -9 stands for a render that takes its process down (out of memory, a native crash).
    process.kill(site.serverPid, 'SIGKILL')
    const during = await Promise.all(Array.from({ length: 40 }, (_, i) => read(OTHER_PAGES[i % OTHER_PAGES.length] as string)))
    expect(during.filter((outcome) => outcome.status !== 200)).toEqual([])

    const after = await Promise.all([...OTHER_PAGES, REFERENCE_STORY].map(read))
    expect(after.filter((outcome) => outcome.status !== 200)).toEqual([])
    await expect(fetch(site.instanceUrls[0] as string)).rejects.toThrow()
  })
})
