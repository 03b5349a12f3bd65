import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ensureStudioBuild, startStudioServer, studioSourcesFingerprint } from '../../sanity/local/studioServer'

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

  it('is served as one production build for any lake, the addresses given at run time', { timeout: 300_000 }, async () => {
    await ensureStudioBuild()
    // Unchanged sources: no second build.
    expect(await ensureStudioBuild()).toEqual({ built: false })
    const server = await startStudioServer({ port: 0, config: { lakeUrl: 'http://localhost:45671', previewUrl: 'http://localhost:45672' } })
    try {
      const page = await fetch(`${server.url}/structure/article`)
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).toContain('{"lakeUrl":"http://localhost:45671","previewUrl":"http://localhost:45672"}')
      const entry = /src="(\/static\/sanity-[^"]+\.js)"/.exec(html)?.[1]
      const asset = await fetch(`${server.url}${entry}`)
      expect(asset.status).toBe(200)
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      // Sent in the compressed form the browser accepts, the same script once decompressed.
      const identity = await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': 'identity' } })
      expect(identity.headers.get('content-encoding')).toBeNull()
      const script = await identity.text()
      for (const encoding of ['br', 'gzip']) {
        const compressed = await fetch(`${server.url}${entry}`, { headers: { 'accept-encoding': encoding } })
        expect(compressed.headers.get('content-encoding')).toBe(encoding)
        expect(compressed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
        expect(await compressed.text()).toBe(script)
      }
      // Every route of the Studio is its index page, the addresses included.
      expect(await (await fetch(`${server.url}/presentation/article/article.x?preview=%2F`)).text()).toBe(html)
    } finally {
      await server.close()
    }
  })

  it('is built again for another hosted project, whose id the bundle carries', async () => {
    expect(await studioSourcesFingerprint({ SANITY_STUDIO_PROJECT_ID: 'abc123' })).not.toBe(await studioSourcesFingerprint({}))
    expect(await studioSourcesFingerprint({})).toBe(await studioSourcesFingerprint({}))
  })
})
