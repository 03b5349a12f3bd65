import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, inject, it } from 'vitest'

const siteUrl = inject('siteUrl')
const secrets = { 'lake token': inject('lakeToken'), 'webhook secret': inject('webhookSecret') }
const staticDir = resolve(import.meta.dirname, '../../.next/static')

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  return (await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)])))).flat()
}

function expectNoSecret(where: string, text: string) {
  for (const [name, value] of Object.entries(secrets)) {
    expect(value.length, `${name} is set`).toBeGreaterThan(10)
    expect(text.includes(value), `${name} in ${where}`).toBe(false)
  }
}

describe('tokens and secrets stay on the server', () => {
  it('are in no file of the client bundle', async () => {
    const files = await filesUnder(staticDir)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expectNoSecret(file, await readFile(file, 'latin1'))
  })

  it.each([
    '/',
    '/articles/nk-imports-from-china-spike-in-march',
    '/data/north-korea-imports-from-china',
    '/data/north-korea-imports-from-china/observations.json',
    '/authors/ahn-sung-mi',
    '/sections/north-korea',
    '/no-such-page',
  ])('are in no response for %s', async (path) => {
    const response = await fetch(`${siteUrl}${path}`)
    expectNoSecret(path, `${[...response.headers].join('\n')}\n${await response.text()}`)
  })

  it("are in nothing the site's server printed", async () => {
    expectNoSecret('server log', await readFile(inject('serverLog'), 'utf8'))
  })
})
