import { describe, expect, it } from 'vitest'
import { BodyTooLargeError, readBodyWithLimit } from '@/lib/http/readBodyWithLimit'
import { WebhookDeliveries } from '@/lib/routes/webhookDeliveries'

const LIFETIME = 5 * 60_000
const T0 = 1_800_000_000_000

describe('signed webhook deliveries', () => {
  it.each([
    ['a new digest', [['a', T0, T0]], [true]],
    [
      'the same digest again',
      [
        ['a', T0, T0],
        ['a', T0, T0 + 1000],
      ],
      [true, false],
    ],
    [
      'two digests',
      [
        ['a', T0, T0],
        ['b', T0, T0],
      ],
      [true, true],
    ],
    [
      'the same digest after its signature expired',
      [
        ['a', T0, T0],
        ['a', T0, T0 + LIFETIME + 1],
      ],
      [true, true],
    ],
    [
      'a digest signed in the future, replayed within its lifetime',
      [
        ['a', T0 + 60_000, T0],
        ['a', T0 + 60_000, T0 + LIFETIME + 1],
      ],
      [true, false],
    ],
  ] as const)('%s', (_name, calls, expected) => {
    const deliveries = new WebhookDeliveries(LIFETIME, 100)
    expect(calls.map(([digest, signedAt, now]) => deliveries.firstTime(digest, signedAt, now))).toEqual(expected)
  })

  it('never holds more than its capacity', () => {
    const deliveries = new WebhookDeliveries(LIFETIME, 3)
    for (const digest of ['a', 'b', 'c', 'd', 'e']) deliveries.firstTime(digest, T0, T0)
    expect(deliveries.size).toBe(3)
    expect(deliveries.firstTime('e', T0, T0)).toBe(false)
  })

  it('forgets expired deliveries', () => {
    const deliveries = new WebhookDeliveries(LIFETIME, 100)
    for (const digest of ['a', 'b', 'c']) deliveries.firstTime(digest, T0, T0)
    deliveries.firstTime('d', T0 + LIFETIME, T0 + LIFETIME + 1)
    expect(deliveries.size).toBe(1)
  })
})

describe('reading a body with a size limit', () => {
  const streamOf = (...chunks: (string | number[])[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk))
        controller.close()
      },
    })
  const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
    new Request('http://site.test/api/revalidate', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)

  it.each([
    ['an empty body', post(''), ''],
    ['a body at the limit', post('x'.repeat(10)), 'x'.repeat(10)],
    ['a streamed body under the limit', post(streamOf('{"a":', '1}')), '{"a":1}'],
    ['a character split across chunks', post(streamOf([0xc3], [0xa9])), 'é'],
  ])('reads %s', async (_name, request, expected) => {
    await expect(readBodyWithLimit(request, 10)).resolves.toBe(expected)
  })

  it.each([
    ['a body one byte over', post('x'.repeat(11))],
    ['a streamed body that passes the limit', post(streamOf('x'.repeat(6), 'x'.repeat(6)))],
    ['a declared length over the limit', post('x', { 'content-length': '1000000' })],
  ])('refuses %s', async (_name, request) => {
    await expect(readBodyWithLimit(request, 10)).rejects.toBeInstanceOf(BodyTooLargeError)
  })
})
