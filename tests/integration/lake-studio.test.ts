import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { MutationEvent, SanityClient } from '@sanity/client'
import { applyPatch } from 'mendoza'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type LakeOptions, type RunningLake, startLake } from '../../sanity/lake/lake'
import { clientFailure } from '../harness/clientFailure'
import { lakeClient } from '../harness/lake'

const STUDIO = 'http://127.0.0.1:3333'
let lake: RunningLake
let options: LakeOptions
let client: SanityClient

beforeAll(async () => {
  options = { port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'lake-studio-')), studioOrigins: [STUDIO] }
  lake = await startLake(options)
  client = lakeClient(lake.url, lake.token).withConfig({ apiVersion: '2025-02-19' })
})

afterAll(async () => {
  await lake.close()
  fs.rmSync(options.dataDir, { recursive: true, force: true })
})

const api = (pathname: string, init: RequestInit = {}) => fetch(new URL(pathname, lake.url), init)
const withToken = () => ({ headers: { Authorization: `Bearer ${lake.token}` } })

describe('signing in the local editor', () => {
  test('hands the session to the Studio origin only', async () => {
    const granted = await api('/local/editor-session', { method: 'POST', headers: { Origin: STUDIO } })
    expect(granted.status).toBe(200)
    expect(granted.headers.get('access-control-allow-origin')).toBe(STUDIO)
    const session = await granted.json()
    expect(session.token).toBe(lake.token)
    expect(session.user).toMatchObject({ id: 'local-editor', name: 'Local editor', role: 'administrator' })

    for (const origin of ['https://evil.example', undefined]) {
      const refused = await api('/local/editor-session', { method: 'POST', headers: origin ? { Origin: origin } : {} })
      expect(refused.status).toBe(403)
      expect(refused.headers.get('access-control-allow-origin')).toBeNull()
      expect(await refused.text()).not.toContain(lake.token)
    }
  })

  test('answers CORS preflights for the Studio and refuses other origins', async () => {
    const ok = await api('/v2025-02-19/data/mutate/production', {
      method: 'OPTIONS',
      headers: { Origin: STUDIO, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    })
    expect(ok.status).toBe(204)
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization,content-type')
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    const refused = await api('/v2025-02-19/data/mutate/production', { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } })
    expect(refused.status).toBe(403)
  })
})

describe("the Studio's project endpoints", () => {
  test('need the token', async () => {
    expect((await api('/v2025-02-19/users/me')).status).toBe(401)
    expect((await api('/v2021-06-07/projects/local/datasets/production/acl')).status).toBe(401)
  })

  test('describe the local editor, the project, its one dataset and full grants', async () => {
    expect(await client.request({ url: '/users/me' })).toMatchObject({ id: 'local-editor', name: 'Local editor' })
    expect(await client.request({ url: '/projects/local' })).toMatchObject({ id: 'local' })
    expect(await client.request({ url: '/projects/local/datasets' })).toEqual([expect.objectContaining({ name: 'production' })])
    expect(await client.request({ url: '/projects/local/datasets', query: { addonFor: 'production' } })).toEqual([])
    const grants = await client.request({ url: '/projects/local/datasets/production/acl' })
    expect(grants).toEqual([{ filter: '_id in path("**")', permissions: expect.arrayContaining(['read', 'update', 'create', 'history']) }])
    const wrongProject = await clientFailure(client.request({ url: '/projects/other' }))
    expect(wrongProject.statusCode).toBe(404)
  })

  test("keeps the editor's preferences across restarts", async () => {
    await client.request({ method: 'PUT', url: '/users/me/keyvalue', body: [{ key: 'studio.layout', value: { list: 'detail' } }] })
    await lake.close()
    lake = await startLake({ ...options, port: lake.port })
    client = lakeClient(lake.url, lake.token).withConfig({ apiVersion: '2025-02-19' })
    expect(await client.request({ url: '/users/me/keyvalue/studio.layout,studio.unset' })).toEqual([
      { key: 'studio.layout', value: { list: 'detail' } },
      { key: 'studio.unset', value: null },
    ])
    const bad = await clientFailure(client.request({ method: 'PUT', url: '/users/me/keyvalue', body: { key: 'not-a-list' } }))
    expect(bad.statusCode).toBe(400)
  })
})

describe('document actions', () => {
  const id = 'article.studio-actions'
  const draft = `drafts.${id}`

  test('create, edit, publish, edit again, unpublish, discard and delete the draft/published pair', async () => {
    await client.action({
      actionType: 'sanity.action.document.create',
      publishedId: id,
      attributes: { _id: draft, _type: 'article', headline: 'Sample: first' },
      ifExists: 'fail',
    })
    expect(await client.getDocument(draft)).toMatchObject({ headline: 'Sample: first' })

    await client.action({
      actionType: 'sanity.action.document.edit',
      draftId: draft,
      publishedId: id,
      patch: { set: { standfirst: 'Sample standfirst' } },
    })
    await client.action({ actionType: 'sanity.action.document.publish', draftId: draft, publishedId: id })
    expect(await client.getDocument(draft)).toBeUndefined()
    const published = await client.getDocument(id)
    expect(published).toMatchObject({ headline: 'Sample: first', standfirst: 'Sample standfirst' })

    // Editing a published document starts a draft from it.
    await client.action({
      actionType: 'sanity.action.document.edit',
      draftId: draft,
      publishedId: id,
      patch: { set: { headline: 'Sample: second' } },
    })
    expect(await client.getDocument(draft)).toMatchObject({ headline: 'Sample: second', standfirst: 'Sample standfirst' })
    expect(await client.getDocument(id)).toMatchObject({ headline: 'Sample: first' })

    await client.action({ actionType: 'sanity.action.document.version.discard', versionId: draft })
    expect(await client.getDocument(draft)).toBeUndefined()

    await client.action({ actionType: 'sanity.action.document.unpublish', draftId: draft, publishedId: id })
    expect(await client.getDocument(id)).toBeUndefined()
    expect(await client.getDocument(draft)).toMatchObject({ headline: 'Sample: first' })

    await client.action({ actionType: 'sanity.action.document.delete', publishedId: id, includeDrafts: [draft] })
    expect(await client.getDocument(draft)).toBeUndefined()
  })

  test('refuses stale, impossible and unknown actions and writes nothing', async () => {
    await client.action({
      actionType: 'sanity.action.document.create',
      publishedId: 'article.stale',
      attributes: { _id: 'drafts.article.stale', _type: 'article', headline: 'Sample: a' },
      ifExists: 'fail',
    })
    await client.action({ actionType: 'sanity.action.document.publish', draftId: 'drafts.article.stale', publishedId: 'article.stale' })
    const publishedRev = (await client.getDocument('article.stale'))?._rev
    await client.action({
      actionType: 'sanity.action.document.edit',
      draftId: 'drafts.article.stale',
      publishedId: 'article.stale',
      patch: { set: { headline: 'Sample: b' } },
    })

    const stale = await clientFailure(
      client.action([
        {
          actionType: 'sanity.action.document.edit',
          draftId: 'drafts.article.stale',
          publishedId: 'article.stale',
          patch: { set: { headline: 'Sample: c' } },
        },
        {
          actionType: 'sanity.action.document.publish',
          draftId: 'drafts.article.stale',
          publishedId: 'article.stale',
          ifPublishedRevisionId: 'someone-elses-revision',
        },
      ]),
    )
    expect(stale.statusCode).toBe(409)
    expect(stale.message).toContain('published by someone else')
    // The edit in the same request was not applied either.
    expect(await client.getDocument('drafts.article.stale')).toMatchObject({ headline: 'Sample: b' })
    expect((await client.getDocument('article.stale'))?._rev).toBe(publishedRev)

    const twice = await clientFailure(
      client.action({
        actionType: 'sanity.action.document.create',
        publishedId: 'article.stale',
        attributes: { _id: 'drafts.article.stale', _type: 'article' },
        ifExists: 'fail',
      }),
    )
    expect(twice.statusCode).toBe(409)
    const nothing = await clientFailure(
      client.action({ actionType: 'sanity.action.document.edit', draftId: 'drafts.none', publishedId: 'none', patch: { set: { a: 1 } } }),
    )
    expect(nothing.statusCode).toBe(409)
    const unknown = await clientFailure(client.action({ actionType: 'sanity.action.release.schedule', releaseId: 'r' } as never))
    expect(unknown.statusCode).toBe(400)
    expect(unknown.message).toContain('does not support')
    const malformed = await clientFailure(
      client.action({
        actionType: 'sanity.action.document.edit',
        draftId: 'drafts.article.stale',
        publishedId: 'article.stale',
        patch: 'nope',
      } as never),
    )
    expect(malformed.statusCode).toBe(400)
  })
})

describe('listen events for the Studio', () => {
  test('carry Mendoza effects that turn the previous revision into the new one, and the transaction position', async () => {
    const id = 'article.studio-listen'
    await client.create({ _id: `drafts.${id}`, _type: 'article', headline: 'Sample: listened' })
    const before = await client.getDocument(`drafts.${id}`)
    const events: MutationEvent[] = []
    const subscription = client
      .listen('*[_id in $ids]', { ids: [id, `drafts.${id}`] }, { effectFormat: 'mendoza', events: ['mutation'] })
      .subscribe((event) => events.push(event as MutationEvent))
    await new Promise((resolve) => setTimeout(resolve, 200))
    await client.action({ actionType: 'sanity.action.document.publish', draftId: `drafts.${id}`, publishedId: id })
    for (let i = 0; i < 50 && events.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    subscription.unsubscribe()

    expect(events).toHaveLength(2)
    expect(events.map((e) => [e.transactionTotalEvents, e.transactionCurrentEvent])).toEqual([
      [2, 1],
      [2, 2],
    ])
    const toPublished = events.find((e) => e.documentId === id) as MutationEvent
    const toDraft = events.find((e) => e.documentId === `drafts.${id}`) as MutationEvent
    expect(applyPatch(null, toPublished.effects?.apply as never)).toMatchObject({ _id: id, headline: 'Sample: listened' })
    expect(applyPatch(null, toDraft.effects?.apply as never)).toBeNull()
    const { _rev, ...draftContent } = before as Record<string, unknown>
    expect(applyPatch(null, toDraft.effects?.revert as never)).toEqual(draftContent)
  })
})

describe('document history', () => {
  test('serves earlier revisions and the transactions of a document, after a restart too', async () => {
    const id = 'article.studio-history'
    const first = await client.create({ _id: `drafts.${id}`, _type: 'article', headline: 'Sample: version one' })
    await client.patch(`drafts.${id}`).set({ headline: 'Sample: version two' }).commit()

    await lake.close()
    // As if a lake from before the database had died half way through appending to its history log: the log is moved into the database, its torn line dropped.
    fs.appendFileSync(path.join(options.dataDir, 'history.ndjson'), '{"id":"torn","timestamp":')
    lake = await startLake({ ...options, port: lake.port })
    client = lakeClient(lake.url, lake.token).withConfig({ apiVersion: '2025-02-19' })

    const atFirst = await client.request({ url: `/data/history/production/documents/drafts.${id}`, query: { revision: first._rev } })
    expect(atFirst.documents).toEqual([expect.objectContaining({ headline: 'Sample: version one', _rev: first._rev })])

    const log = await api(
      `/v2025-02-19/data/history/production/transactions/drafts.${id}?effectFormat=mendoza&excludeMutations=true`,
      withToken(),
    )
    expect(log.headers.get('content-type')).toContain('application/x-ndjson')
    const transactions = (await log.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(transactions.map((t) => t.id)[0]).toBe(first._rev)
    expect(transactions).toHaveLength(2)
    expect(applyPatch(null, transactions[1].effects[`drafts.${id}`].apply)).toMatchObject({ headline: 'Sample: version two' })
    expect(transactions[1]).not.toHaveProperty('mutations')

    // The torn line was cut off: what is written next reads back whole.
    const third = await client.patch(`drafts.${id}`).set({ headline: 'Sample: version three' }).commit()
    const atThird = await client.request({ url: `/data/history/production/documents/drafts.${id}`, query: { revision: third._rev } })
    expect(atThird.documents).toEqual([expect.objectContaining({ headline: 'Sample: version three' })])

    const unknown = await clientFailure(
      client.request({ url: `/data/history/production/documents/drafts.${id}`, query: { revision: 'no-such-revision' } }),
    )
    expect(unknown.statusCode).toBe(404)
    expect((await api(`/v2025-02-19/data/history/production/transactions/drafts.${id}`)).status).toBe(401)
  })
})

describe('presence', () => {
  type Message = { id?: string; result?: unknown; error?: { code: number }; method?: string; params?: { result: unknown } }
  async function studioSocket() {
    const socket = new WebSocket(`${lake.url.replace(/^http/, 'ws')}/v2022-06-30/socket/production`)
    const messages: Message[] = []
    socket.addEventListener('message', (event) => {
      if (event.data !== '♥') messages.push(JSON.parse(String(event.data)))
    })
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve)
      socket.addEventListener('error', reject)
    })
    const call = async (id: string, method: string, params: Record<string, unknown> = {}) => {
      socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params: { ...params, apiVersion: 'v1' } }))
      for (let i = 0; i < 100; i++) {
        const answer = messages.find((m) => m.id === id)
        if (answer) return answer
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      throw new Error(`no answer to ${method}`)
    }
    return { socket, messages, call }
  }

  test("tells each Studio where the other editors are, once they authorize with the lake's token", async () => {
    const a = await studioSocket()
    const b = await studioSocket()
    expect((await a.call('1', 'presence_subscribe')).error?.code).toBe(4001)
    expect((await a.call('2', 'authorization', { authorization: `Bearer ${lake.token}` })).result).toBe(true)
    expect((await b.call('3', 'authorization', { authorization: `Bearer ${lake.token}` })).result).toBe(true)
    const subscription = (await b.call('4', 'presence_subscribe')).result
    const locations = [{ type: 'document', documentId: 'article.x', path: ['headline'], lastActiveAt: new Date().toISOString() }]
    await a.call('5', 'presence_announce', { data: { sessionId: 'session-a', locations } })
    for (let i = 0; i < 100 && !b.messages.some((m) => m.method); i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(b.messages.find((m) => m.method === 'presence_subscription')?.params).toEqual({
      subscription,
      result: { type: 'state', i: 'local-editor', m: { sessionId: 'session-a', locations } },
    })
    a.socket.close()
    for (let i = 0; i < 100 && b.messages.filter((m) => m.method).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(b.messages.filter((m) => m.method).at(-1)?.params?.result).toEqual({
      type: 'disconnect',
      i: 'local-editor',
      m: { session: 'session-a' },
    })

    const forged = await studioSocket()
    expect((await forged.call('6', 'authorization', { authorization: 'Bearer forged' })).error?.code).toBe(4001)
    b.socket.close()
  })
})
