import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../harness/site'

const root = resolve(import.meta.dirname, '../..')

describe('the launcher with the embedded lake', () => {
  const secret = randomBytes(24).toString('base64url')
  let dataDir: string
  let printed: string

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'factline-launcher-'))
    const env = {
      ...process.env,
      SANITY_PROJECT_ID: '',
      SANITY_WEBHOOK_SECRET: secret,
      LAKE_DATA_DIR: dataDir,
      LAKE_SEED_DIR: '',
      LAKE_PORT: String(await freePort()),
    }
    // The command it runs is any program; this one only shows that it was handed the secret and the lake's token.
    const { stdout, stderr } = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      [
        'scripts/with-lake.ts',
        process.execPath,
        '-e',
        'console.log("child has secret:", process.env.SANITY_WEBHOOK_SECRET.length > 0, "and token:", process.env.SANITY_API_READ_TOKEN.length > 0)',
      ],
      { cwd: root, env, timeout: 50_000 },
    )
    printed = `${stdout}\n${stderr}`
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('hands the command the webhook secret and the lake token without printing the secret', () => {
    expect(printed).toContain('child has secret: true and token: true')
    expect(printed).not.toContain(secret)
  })
})
