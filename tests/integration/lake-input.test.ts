import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { lakeClient } from '../harness/lake'

/** Malformed input to the lake's HTTP API, sent as a careless or hostile caller would: raw HTTP. */
describe('the lake rejects malformed input with a specific 4xx and writes nothing', () => {
  let lake: RunningLake
  let dataDir: string
  const api = (path: string) => `${lake.url}/v2025-02-19/data/${path}/production`
  const mutate = (body: string, token = lake.token) =>
    fetch(api('mutate'), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body })
  const documentCount = async () => {
    return lakeClient(lake.url, lake.token).fetch('count(*)', {}, { perspective: 'raw' })
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lake-input-'))
    lake = await startLake({ port: 0, dataDir })
  })
  afterAll(async () => {
    await lake?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it.each([
    ['mutations that are not a list', '{"mutations": "create everything"}', 400],
    ['a mutation that is not an object', '{"mutations": [42]}', 400],
    ['a document without _type', '{"mutations": [{"create": {"_id": "x"}}]}', 400],
    ['a document that is a string', '{"mutations": [{"create": "x"}]}', 400],
    ['an _id with spaces', '{"mutations": [{"create": {"_id": "has space", "_type": "t"}}]}', 400],
    ['an _id of 500 characters', `{"mutations": [{"create": {"_id": "${'a'.repeat(500)}", "_type": "t"}}]}`, 400],
    ['a patch without an id', '{"mutations": [{"patch": {"set": {"a": 1}}}]}', 400],
    ['NaN written as a bare word', '{"mutations": [{"create": {"_id": "n", "_type": "t", "v": NaN}}]}', 400],
    ['a truncated body', '{"mutations": [{"create": {"_id": "n"', 400],
    ['an empty body', '', 400],
  ])('%s: %i', async (_name, body, status) => {
    const before = await documentCount()
    const response = await mutate(body)
    expect(response.status).toBe(status)
    // Sanity answers mutation errors as {error: {description}} and request errors as {message}.
    const answer = await response.json()
    expect(answer.error?.description ?? answer.message).toMatch(/\w{4,}/)
    expect(await documentCount()).toBe(before)
  })

  it('refuses a payload over the size limit with 413', async () => {
    const huge = JSON.stringify({ mutations: [{ create: { _id: 'huge', _type: 't', text: 'x'.repeat(11 * 1024 * 1024) } }] })
    const response = await mutate(huge)
    expect(response.status).toBe(413)
    expect(await documentCount()).toBe(0)
  })

  it('refuses an unknown perspective with 400 naming it', async () => {
    const response = await fetch(`${api('query')}?query=${encodeURIComponent('*')}&perspective=everything`, {
      headers: { authorization: `Bearer ${lake.token}` },
    })
    expect(response.status).toBe(400)
    expect((await response.json()).error.description).toMatch(/everything/)
  })

  it('refuses a query parameter that is not JSON with 400', async () => {
    const response = await fetch(`${api('query')}?query=${encodeURIComponent('*[_id == $id]')}&%24id=not-json`)
    expect(response.status).toBe(400)
  })

  it('refuses a forged token with 401', async () => {
    const response = await mutate('{"mutations": [{"create": {"_id": "forged", "_type": "t"}}]}', 'forged-token')
    expect(response.status).toBe(401)
    expect(await documentCount()).toBe(0)
  })
})
