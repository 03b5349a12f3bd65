import { encodeSignatureHeader } from '@sanity/webhook'
import { describe, expect, inject, it } from 'vitest'

const siteUrl = inject('siteUrl')
const secret = inject('webhookSecret')
const body = JSON.stringify({ _id: 'tradeSeries.chn-prk-x-total-m', _type: 'tradeSeries', operation: 'update' })

async function deliver(headers: Record<string, string>, payload = body) {
  return fetch(`${siteUrl}/api/revalidate`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload })
}

describe('the revalidation webhook', () => {
  it('accepts a delivery signed with the secret, once', async () => {
    const headers = {
      'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), secret),
      'idempotency-key': `e2e-${Date.now()}`,
    }
    const first = await deliver(headers)
    expect(first.status).toBe(200)
    await expect(first.json()).resolves.toEqual({ revalidated: true, tags: ['content'] })
    const replay = await deliver(headers)
    expect(replay.status).toBe(401)
    await expect(replay.json()).resolves.toEqual({ error: 'Replayed delivery' })
  })

  it('refuses a signed delivery replayed with a new idempotency key', async () => {
    const signature = await encodeSignatureHeader(body, Date.now(), secret)
    const first = await deliver({ 'sanity-webhook-signature': signature, 'idempotency-key': `e2e-first-${Date.now()}` })
    expect(first.status).toBe(200)
    const replay = await deliver({ 'sanity-webhook-signature': signature, 'idempotency-key': `e2e-other-${Date.now()}` })
    expect(replay.status).toBe(401)
    await expect(replay.json()).resolves.toEqual({ error: 'Replayed delivery' })
  })

  it('refuses an oversized body with 413 before checking what it says', async () => {
    const huge = JSON.stringify({ _id: 'x', padding: 'x'.repeat(2 * 1024 * 1024) })
    const response = await deliver({ 'sanity-webhook-signature': await encodeSignatureHeader(huge, Date.now(), secret) }, huge)
    expect(response.status).toBe(413)
    await expect(response.json()).resolves.toEqual({ error: 'Body is larger than 65536 bytes' })
  })

  it('refuses an oversized body sent in chunks, with no length declared', async () => {
    // Just past the 64 KiB cap, in two chunks: the whole body fits the sockets' buffers, so the client
    // has sent it all when the server answers and closes (a larger one races the close: EPIPE).
    const chunk = new TextEncoder().encode('x'.repeat(40 * 1024))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 2) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const response = await fetch(`${siteUrl}/api/revalidate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sanity-webhook-signature': await encodeSignatureHeader('{}', Date.now(), secret) },
      body: stream,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
  })

  it.each([
    ['a missing signature', async () => ({}), 'Missing signature'],
    [
      'a signature made with another secret',
      async () => ({ 'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), 'not-the-secret') }),
      'Invalid signature',
    ],
    [
      'a signature over another body',
      async () => ({ 'sanity-webhook-signature': await encodeSignatureHeader('{"_id":"x"}', Date.now(), secret) }),
      'Invalid signature',
    ],
    [
      'a stale signature',
      async () => ({ 'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now() - 10 * 60_000, secret) }),
      'Stale signature',
    ],
    ['a malformed signature', async () => ({ 'sanity-webhook-signature': 'garbage' }), 'Malformed signature'],
  ])('rejects %s with 401', async (_name, headers, message) => {
    const response = await deliver(await headers())
    expect(response.status).toBe(401)
    await expect(response.json()).resolves.toEqual({ error: message })
  })
})
