import { createHash } from 'node:crypto'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { SHARED_CACHE_CONTROL } from '@/lib/http/pageCacheControl'
import { studioDraftModePath } from '../harness/draftMode'
import { lakeClient } from '../harness/lake'
import { copyLinkAnnouncement, launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const STORY = '/articles/nk-imports-from-china-spike-in-march'

const editor = lakeClient(inject('lakeUrl'), inject('lakeToken'))
const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1]
const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .find((d) => d.trim().startsWith(`${name} `))
    ?.trim() ?? ''

describe('security headers', () => {
  it.each([
    STORY,
    '/',
    '/data/north-korea-imports-from-china',
    '/no-such-page',
    '/data/north-korea-imports-from-china/observations.csv',
    '/api/live',
  ])('%s carries HSTS, nosniff, referrer policy and frame protection', async (path) => {
    const controller = new AbortController()
    const response = await fetch(`${siteUrl}${path}`, { signal: controller.signal })
    controller.abort()
    expect(response.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains; preload')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('x-frame-options')).toBe('DENY')
  })

  it("serves a reader's page from the cache with a policy allowing exactly its own inline scripts, by hash", async () => {
    const first = await fetch(`${siteUrl}${STORY}`)
    const html = await first.text()
    const second = await fetch(`${siteUrl}${STORY}`)
    expect(second.headers.get('x-nextjs-cache')).toBe('HIT')
    expect(await second.text()).toBe(html)
    const policy = first.headers.get('content-security-policy') ?? ''
    expect(second.headers.get('content-security-policy')).toBe(policy)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("object-src 'none'")
    const scriptSrc = directive(policy, 'script-src')
    expect(scriptSrc).not.toContain('unsafe-inline')
    expect(scriptSrc).not.toContain('unsafe-eval')
    expect(scriptSrc).not.toContain('nonce-')
    // Every inline script (data blocks too), hashed as the browser hashes it, and nothing more.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      ([, text]) =>
        `'sha256-${createHash('sha256')
          .update(text ?? '')
          .digest('base64')}'`,
    )
    expect(inline.length).toBeGreaterThan(0)
    expect(
      scriptSrc
        .split(' ')
        .filter((source) => source.startsWith("'sha256-"))
        .toSorted(),
    ).toEqual([...new Set(inline)].toSorted())
  })

  it("lets shared caches micro-cache a reader's page, with one ETag, but not its navigation payload", async () => {
    const [first, second] = [await fetch(`${siteUrl}${STORY}`), await fetch(`${siteUrl}${STORY}`)]
    expect(first.headers.get('cache-control')).toBe(SHARED_CACHE_CONTROL)
    expect(second.headers.get('etag')).toMatch(/^"[\w-]{43}"$/)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    const payload = await fetch(`${siteUrl}${STORY}`, { headers: { rsc: '1' } })
    expect(payload.headers.get('content-type')).toContain('text/x-component')
    expect(payload.headers.get('cache-control')).not.toContain('public')
  })

  it("gives an editor's draft preview its own nonce per response, on every script", async () => {
    const enable = await fetch(`${siteUrl}${await studioDraftModePath(editor, STORY)}`, { redirect: 'manual' })
    const cookie = enable.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const [first, second] = await Promise.all([1, 2].map(() => fetch(`${siteUrl}${STORY}`, { headers: { cookie } })))
    const policy = first?.headers.get('content-security-policy') ?? ''
    expect(directive(policy, 'script-src')).not.toContain('unsafe-inline')
    const nonce = nonceOf(policy)
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/)
    expect(nonceOf(second?.headers.get('content-security-policy') ?? null)).not.toBe(nonce)
    expect(first?.headers.get('cache-control')).toMatch(/^private, .*no-store/)
    // Every script the browser runs; a JSON-LD data block is not one.
    const scripts = [...((await first?.text()) ?? '').matchAll(/<script\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => !tag.includes('application/ld+json'))
    expect(scripts.length).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`)
  })
})

describe('the article under its Content Security Policy in Chromium', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it.each([
    ['a reader (hashes)', async () => STORY],
    ['an editor in draft preview (a nonce)', () => studioDraftModePath(editor, STORY)],
  ])('runs the page for %s without a single policy violation, and its island still works', async (_who, path) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    await page.goto(`${siteUrl}${await path()}`)
    expect(new URL(page.url()).pathname).toBe(STORY)
    await expect.poll(copyLinkAnnouncement(page), { timeout: 10_000 }).not.toBe('')
    expect(violations).toEqual([])
    await context.close()
  })
})
