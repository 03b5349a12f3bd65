import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
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
      SANITY_PREVIEW_SECRET: secret,
      LAKE_DATA_DIR: dataDir,
      LAKE_SEED_DIR: '',
      LAKE_PORT: String(await freePort()),
    }
    // The command it runs is any program; this one only shows that it was handed the secret.
    const { stdout, stderr } = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      ['scripts/with-lake.ts', process.execPath, '-e', 'console.log("child has secret:", process.env.SANITY_PREVIEW_SECRET.length > 0)'],
      { cwd: root, env, timeout: 50_000 },
    )
    printed = `${stdout}\n${stderr}`
  })
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('prints where the draft preview link is, never the preview secret', () => {
    expect(printed).toContain('child has secret: true')
    expect(printed).toContain(join(dataDir, 'preview-link'))
    expect(printed).not.toContain(secret)
  })

  it('writes the link with the secret to a file only its user can read', async () => {
    const file = join(dataDir, 'preview-link')
    expect(await readFile(file, 'utf8')).toBe(`/api/draft-mode/enable?secret=${secret}&redirect=/articles/<slug>\n`)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
  })
})
