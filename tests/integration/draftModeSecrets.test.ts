import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SanityClient } from '@sanity/client'
import { validatePreviewUrl } from '@sanity/preview-url-secret'
import { fetchSecretQuery, SECRET_TTL } from '@sanity/preview-url-secret/constants'
import { evaluate, parse } from 'groq-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { enableDraftModePath, studioDraftModePath } from '../harness/draftMode'
import { lakeClient } from '../harness/lake'
import { REFERENCE_STORY } from '../harness/referenceStory'

const SITE = 'http://127.0.0.1:3000'
const SECRET_TYPE = 'sanity.previewUrlSecret'

/**
 * The check /api/draft-mode/enable runs (next-sanity's defineEnableDraftMode calls
 * validatePreviewUrl with the site's token client) against secrets the Studio writes to the
 * embedded lake, as its Presentation tool writes them.
 */
describe('draft-mode secrets on the embedded lake', () => {
  let lake: RunningLake
  let dataDir: string
  let editor: SanityClient
  let site: SanityClient
  let anonymous: SanityClient

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'factline-secret-lake-'))
    lake = await startLake({ port: 0, dataDir })
    editor = lakeClient(lake.url, lake.token)
    site = lakeClient(lake.url, lake.token)
    anonymous = lakeClient(lake.url)
  })
  afterAll(async () => {
    await lake?.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  const check = (path: string) => validatePreviewUrl(site, `${SITE}${path}`)

  it('accepts the secret the Studio creates, and opens the page it names', async () => {
    const result = await check(await studioDraftModePath(editor, REFERENCE_STORY))
    expect(result.isValid).toBe(true)
    expect(result.redirectTo).toBe(REFERENCE_STORY)
    expect(result.studioOrigin).toBe('http://127.0.0.1:3333')
  })

  it('keeps the secret documents from anonymous readers and returns them with the token', async () => {
    await studioDraftModePath(editor, REFERENCE_STORY)
    const query = `*[_type == "${SECRET_TYPE}"]{ _id, secret }`
    expect(await anonymous.fetch(query, {}, { perspective: 'raw' })).toEqual([])
    const stored = await site.fetch<{ _id: string; secret: string }[]>(query, {}, { perspective: 'raw' })
    expect(stored.length).toBeGreaterThan(0)
    for (const doc of stored) expect(doc._id).toMatch(/^drafts\./)
  })

  it.each([
    ['a wrong secret', enableDraftModePath('not-the-secret', REFERENCE_STORY)],
    ['an empty secret', enableDraftModePath('', REFERENCE_STORY)],
    ['no secret at all', `/api/draft-mode/enable?sanity-preview-pathname=${encodeURIComponent(REFERENCE_STORY)}`],
  ])('refuses %s', async (_, path) => {
    const result = await check(path)
    expect(result.isValid).toBe(false)
    expect(result.redirectTo).toBeUndefined()
  })

  it('refuses a secret written more than an hour ago: the check’s own query, run by groq-js as the lake runs it', async () => {
    const written = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000).toISOString()
    const secrets = [
      { _id: 'drafts.old', _type: SECRET_TYPE, _updatedAt: written(1.01), secret: 'old', studioUrl: SITE },
      { _id: 'drafts.new', _type: SECRET_TYPE, _updatedAt: written(0.99), secret: 'new', studioUrl: SITE },
    ]
    const find = async (secret: string) => (await evaluate(parse(fetchSecretQuery), { dataset: secrets, params: { secret } })).get()
    expect(SECRET_TTL).toBe(3600)
    await expect(find('old')).resolves.toBeNull()
    await expect(find('new')).resolves.toMatchObject({ _id: 'drafts.new', secret: 'new' })
  })
})
