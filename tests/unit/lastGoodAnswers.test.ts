import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContentClient } from '@/lib/content/client'
import { isLakeUnreachable, LastGoodAnswers } from '@/lib/content/lastGoodAnswers'
import { BACK_SHORTLY_HTML, backShortlyHeaders } from '@/lib/http/backShortlyPage.mjs'
import { inlineHashes } from '@/lib/security/inlineHashes.mjs'
import { freePort } from '../harness/site'

/** An upstream failing as an overloaded lake or a proxy in front of it would: every request gets `status`, or no answer when 0. */
function answering(status: number): Promise<Server> {
  const server = createServer((_request, response) => {
    if (status === 0) return
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { description: 'no' } }))
  })
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)))
}

describe('which failed fetches mean the lake is unreachable', () => {
  const servers: Server[] = []
  beforeAll(async () => {
    servers.push(...(await Promise.all([503, 502, 500, 400, 404, 0].map(answering))))
  })
  afterAll(() => {
    for (const server of servers) server.closeAllConnections()
    for (const server of servers) server.close()
  })

  const failureFrom = async (apiHost: string) => {
    const client = createContentClient({ projectId: 'local', dataset: 'production', apiHost }, { timeout: 300, maxRetries: 0 })
    return client.fetch('*[0]').then(
      () => undefined,
      (error: unknown) => error,
    )
  }
  const hostOf = (status: number) => {
    const server = servers[[503, 502, 500, 400, 404, 0].indexOf(status)] as Server
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  it.each([
    { failure: 'a 503 from the lake', status: 503, unreachable: true },
    { failure: 'a 502 from a proxy in front of it', status: 502, unreachable: true },
    { failure: 'a 500', status: 500, unreachable: true },
    { failure: 'a query it refused (400)', status: 400, unreachable: false },
    { failure: 'a 404', status: 404, unreachable: false },
    { failure: 'no answer within the timeout', status: 0, unreachable: true },
  ])('$failure → $unreachable', async ({ status, unreachable }) => {
    const failure = await failureFrom(hostOf(status))
    expect(failure).toBeInstanceOf(Error)
    expect(isLakeUnreachable(failure)).toBe(unreachable)
  })

  it('a refused connection → true', async () => {
    expect(isLakeUnreachable(await failureFrom(`http://127.0.0.1:${await freePort()}`))).toBe(true)
  })

  it('an error of the app itself → false', () => {
    expect(isLakeUnreachable(new RangeError('bad slice'))).toBe(false)
    expect(isLakeUnreachable(new TypeError('Cannot read properties of null'))).toBe(false)
    expect(isLakeUnreachable('not even an error')).toBe(false)
  })
})

describe('LastGoodAnswers', () => {
  it('keeps the most recently used answers up to its limit, null answers included', () => {
    const answers = new LastGoodAnswers(2)
    answers.remember('a', { n: 1 })
    answers.remember('b', null)
    expect(answers.recall('a')).toEqual({ answer: { n: 1 } })
    answers.remember('c', [3])
    expect(answers.recall('b')).toBeUndefined()
    expect(answers.recall('a')).toEqual({ answer: { n: 1 } })
    expect(answers.recall('c')).toEqual({ answer: [3] })
  })

  it('replaces an answer with a newer one for the same query', () => {
    const answers = new LastGoodAnswers(2)
    answers.remember('a', 1)
    answers.remember('a', 2)
    expect(answers.recall('a')).toEqual({ answer: 2 })
  })
})

describe('the back-shortly page', () => {
  it('asks clients to retry, and its policy allows exactly its one inline style', () => {
    const headers = backShortlyHeaders()
    expect(headers['retry-after']).toBe('30')
    const { scripts, styles } = inlineHashes(BACK_SHORTLY_HTML)
    expect(scripts).toEqual([])
    expect(styles).toHaveLength(1)
    expect(headers['content-security-policy']).toContain(`style-src 'self' '${styles[0]}'`)
    expect(headers['content-security-policy']).toContain("default-src 'self'")
  })
})
