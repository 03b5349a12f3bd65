import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importTargetFromEnv } from '@/lib/tradeImport/importTarget'

const root = resolve(import.meta.dirname, '../..')

describe('where the importer writes', () => {
  let dataDir: string
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'factline-target-'))
    await writeFile(join(dataDir, 'token'), 'kept-token\n')
  })
  afterAll(() => rm(dataDir, { recursive: true, force: true }))

  it.each([
    ['the default lake', {}, 'http://127.0.0.1:3400'],
    ['a moved lake', { LAKE_PORT: '3999', LAKE_HOST: '127.0.0.2' }, 'http://127.0.0.2:3999'],
    ['a lake on every interface, reached on loopback', { LAKE_HOST: '0.0.0.0' }, 'http://127.0.0.1:3400'],
    ['an IPv6 host', { LAKE_HOST: '::1', LAKE_PORT: '3401' }, 'http://[::1]:3401'],
    ['the launcher’s URL first', { FACTLINE_LAKE_URL: 'http://127.0.0.1:4567', LAKE_PORT: '3999' }, 'http://127.0.0.1:4567'],
  ])('finds %s', (_, env, url) => {
    expect(importTargetFromEnv({ NODE_ENV: 'test', ...env }).source.apiHost).toBe(url)
  })

  it('reads the lake’s token from an absolute LAKE_DATA_DIR, and LAKE_TOKEN before it', () => {
    expect(importTargetFromEnv({ NODE_ENV: 'test', LAKE_DATA_DIR: dataDir }).token).toBe('kept-token')
    expect(importTargetFromEnv({ NODE_ENV: 'test', LAKE_DATA_DIR: dataDir, LAKE_TOKEN: 'given' }).token).toBe('given')
  })

  it('names the token file it looked for, relative LAKE_DATA_DIR taken from the project', () => {
    const target = importTargetFromEnv({ NODE_ENV: 'test', LAKE_DATA_DIR: 'elsewhere' })
    expect(target.token).toBeUndefined()
    expect(target.missingToken).toContain(join(root, 'elsewhere', 'token'))
  })

  it('writes to a hosted project with its write token', () => {
    const target = importTargetFromEnv({
      NODE_ENV: 'test',
      SANITY_PROJECT_ID: 'abc123',
      SANITY_DATASET: 'staging',
      SANITY_API_WRITE_TOKEN: 'sk-write',
      LAKE_TOKEN: 'not-this',
    })
    expect(target.source).toMatchObject({ projectId: 'abc123', dataset: 'staging' })
    expect(target.source.apiHost).toBeUndefined()
    expect(target.token).toBe('sk-write')
    expect(importTargetFromEnv({ NODE_ENV: 'test', SANITY_PROJECT_ID: 'abc123' }).missingToken).toContain('SANITY_API_WRITE_TOKEN')
  })
})
