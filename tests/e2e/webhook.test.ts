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
