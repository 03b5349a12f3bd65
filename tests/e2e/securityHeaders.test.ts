import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './browser'

const siteUrl = inject('siteUrl')
const STORY = '/articles/nk-imports-from-china-spike-in-march'

const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1]

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

  it('gives each page view its own nonce, on every script, and no unsafe-inline scripts', async () => {
    const [first, second] = await Promise.all([fetch(`${siteUrl}${STORY}`), fetch(`${siteUrl}${STORY}`)])
    const policy = first.headers.get('content-security-policy') ?? ''
    const scriptSrc = policy.split(';').find((d) => d.trim().startsWith('script-src')) ?? ''
    expect(scriptSrc).not.toContain('unsafe-inline')
    expect(scriptSrc).not.toContain('unsafe-eval')
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("object-src 'none'")
    const nonce = nonceOf(policy)
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{20,}$/)
    expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonce)
    const html = await first.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
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

  it('runs the page without a single policy violation, and its island still works', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    await page.goto(`${siteUrl}${STORY}`)
    await page.getByRole('button', { name: 'Copy link' }).click()
    await expect(page.locator('.share').getByRole('status').textContent()).resolves.not.toBe('')
    expect(violations).toEqual([])
    await page.close()
  })
})
