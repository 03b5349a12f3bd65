import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
const readJson = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'))

describe('the Studio', () => {
  it('declares the same sanity and styled-components versions the repository installs', () => {
    const studio = readJson('sanity/package.json').dependencies
    const app = readJson('package.json').dependencies
    expect(studio).toEqual({ sanity: app.sanity, 'styled-components': app['styled-components'] })
  })

  it('builds with `sanity build`', { timeout: 180_000 }, async () => {
    const out = await mkdtemp(join(tmpdir(), 'factline-studio-'))
    try {
      await promisify(execFile)(join(root, 'node_modules/.bin/sanity'), ['build', out, '--yes'], {
        cwd: join(root, 'sanity'),
        env: { ...process.env, DO_NOT_TRACK: '1' },
      })
      expect(existsSync(join(out, 'index.html'))).toBe(true)
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})
