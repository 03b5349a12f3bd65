import { encodeSignatureHeader } from '@sanity/webhook'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningEdge, startEdge } from '../../scripts/edge'
import { REFERENCE_STORY, reviseMarchImports, waitForText } from '../harness/revision'
import { freePort, type RunningSite, startSite } from '../harness/site'

// Longer than the page's s-maxage plus stale-while-revalidate: past it the edge must ask the origin.
const PAST_MICRO_CACHE_MS = 4_500

describe('the edge during a content-lake outage', () => {
  let site: RunningSite
  let edge: RunningEdge

  beforeAll(async () => {
    // A lake of its own to stop, in front of the build the e2e run made.
    site = await startSite({ build: false })
    edge = await startEdge({ port: await freePort(), upstreams: [new URL(site.siteUrl).host] })
  })
  afterAll(async () => {
    await edge?.stop()
    await site?.stop()
  })

  it('serves cached pages stale, a branded 503 for the rest, and is fresh again when the lake is back', async () => {
    const story = `${edge.url}${REFERENCE_STORY}`
    expect((await fetch(story)).status).toBe(200)

    await site.stopLake()
    // A publish that reached the site just before the outage: Next.js's data cache is expired, so
    // the origin itself can no longer render the page.
    const body = JSON.stringify({ _id: 'tradeSeries.chn-prk-x-total-m', _type: 'tradeSeries' })
    const signature = await encodeSignatureHeader(body, Date.now(), site.webhookSecret)
    const webhook = await fetch(`${site.siteUrl}/api/revalidate`, {
      method: 'POST',
      headers: { 'sanity-webhook-signature': signature },
      body,
    })
    expect(webhook.status).toBe(200)
    await new Promise((r) => setTimeout(r, PAST_MICRO_CACHE_MS))
    expect((await fetch(`${site.siteUrl}${REFERENCE_STORY}`)).status).toBe(500)

    const cached = await fetch(story)
    expect(cached.status).toBe(200)
    expect(cached.headers.get('x-cache-status')).toBe('STALE')
    expect(await cached.text()).toContain('$12.98 million')

    const neverCached = await fetch(`${edge.url}/sections/economy`)
    expect(neverCached.status).toBe(503)
    expect(neverCached.headers.get('retry-after')).toBe('30')
    expect(neverCached.headers.get('content-security-policy')).toContain("default-src 'none'")
    const page = await neverCached.text()
    expect(page).toContain('This page is taking a moment')
    expect(page).not.toMatch(/Error|\bat .+:\d+:\d+/)

    await site.resumeLake()
    await reviseMarchImports(site, 13_500_000)
    await waitForText(story, '$13.5 million', 15_000)
    await waitForText(`${edge.url}/sections/economy`, '<h1>Economy</h1>', 15_000)
  })
})
