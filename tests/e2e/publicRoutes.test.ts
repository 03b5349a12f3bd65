import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { DRAFT_BASELINE_POLICY, PAGE_BASELINE_POLICY } from '@/lib/security/contentSecurityPolicy.mjs'
import { NON_PAGE_POLICY } from '@/lib/security/securityHeaders'
import { studioDraftModePath } from '../harness/draftMode'
import { lakeClient } from '../harness/lake'

const siteUrl = inject('siteUrl')
const editor = lakeClient(inject('lakeUrl'), inject('lakeToken'))
const STORY = '/articles/nk-imports-from-china-spike-in-march'
const get = (path: string, init: RequestInit = {}) => fetch(`${siteUrl}${path}`, { redirect: 'manual', ...init })
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) })

/** Every picture URL in the story's srcsets (a URL's own commas, in `rect`, are never followed by a space). */
async function storyImageUrls(): Promise<URL[]> {
  const html = await (await get(STORY)).text()
  const srcsets = [...html.matchAll(/srcset="([^"]+)"/gi)].map((m) => m[1] ?? '')
  const urls = srcsets.flatMap((srcset) => srcset.split(', ').map((candidate) => candidate.split(' ')[0]?.replaceAll('&amp;', '&') ?? ''))
  return [...new Set(urls)].map((url) => new URL(url, siteUrl))
}

describe('crafted image URLs', () => {
  let canonical: URL

  beforeAll(async () => {
    const urls = await storyImageUrls()
    expect(urls.length).toBeGreaterThan(1)
    const at640 = urls.find((url) => url.searchParams.get('w') === '640')
    expect(at640).toBeDefined()
    canonical = at640 as URL
  })

  it("serves the picture at each URL the site's own pages use", async () => {
    for (const url of await storyImageUrls()) {
      const response = await get(`${url.pathname}${url.search}`, { headers: { accept: 'image/avif,image/webp,*/*' } })
      expect(response.status, url.href).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^image\//)
    }
  })

  it.each([
    ['a huge width', { w: '4000' }, 'Width 4000 is not served'],
    ['a width one off', { w: '321' }, 'Width 321 is not served'],
    ['full quality', { q: '100' }, 'Quality 100 is not served'],
    ['an explicit AVIF', { fm: 'avif' }, 'The image parameter "fm" is not served here'],
    ['blur', { blur: '2000' }, 'The image parameter "blur" is not served here'],
    ['a height', { h: '4000' }, 'The image parameter "h" is not served here'],
    ['a cache-busting parameter', { v: '1' }, 'The image parameter "v" is not served here'],
  ])('refuses %s with 400 and the reason, before anything is rendered', async (_name, change, message) => {
    const url = new URL(canonical)
    for (const [name, value] of Object.entries(change)) url.searchParams.set(name, value)
    const response = await get(`${url.pathname}${url.search}`, { headers: { accept: 'image/avif,*/*' } })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain(message)
  })

  it('redirects the same transform written another way to its one canonical URL', async () => {
    const reordered = [...canonical.searchParams].reverse()
    const response = await get(`${canonical.pathname}?${new URLSearchParams(reordered)}`)
    expect(response.status).toBe(308)
    expect(response.headers.get('location')).toBe(`${canonical.pathname}${canonical.search}`)
  })
})

describe('the social card', () => {
  const lake = lakeClient(inject('lakeUrl'), inject('lakeToken'))
  const longSlug = 'test-content-card-with-a-long-headline'
  const headline = `Test content: 🚢 북한 imports from China spike in Pyŏngyang ${'and then some more words '.repeat(200)}`.slice(0, 5000)

  beforeAll(async () => {
    const { _id, _rev, _createdAt, _updatedAt, ...story } = await lake.fetch('*[_type == "article" && slug.current == $slug][0]', {
      slug: STORY.split('/').pop(),
    })
    await lake.createOrReplace({ ...story, _id: `hostile.${longSlug}`, headline, slug: { _type: 'slug', current: longSlug } })
  })
  afterAll(async () => {
    await lake.delete(`hostile.${longSlug}`)
  })

  const cardPath = async (slug: string) => {
    const html = await (await get(STORY)).text()
    const og = new URL(/<meta property="og:image" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '')
    return og.pathname.replace(STORY, `/articles/${slug}`)
  }

  it('draws a story with a 5,000-character headline, emoji and Korean from local fonts only', async () => {
    expect(headline).toHaveLength(5000)
    const response = await get(await cardPath(longSlug))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 })
    const log = await readFile(inject('serverLog'), 'utf8')
    expect(log).not.toMatch(/dynamic font|twemoji|fonts\.googleapis/i)
  })

  it("answers the newsroom's card, cached for a minute, for a story it cannot draw", async () => {
    const response = await get(await cardPath('no-such-story'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, s-maxage=60')
    expect(pngSize(Buffer.from(await response.arrayBuffer()))).toEqual({ width: 1200, height: 630 })
  })
})

describe('draft-mode redirects', () => {
  const CRAFTED = [
    '//evil.example',
    '/\\evil.example',
    '/.//evil.example',
    '/%2F%2Fevil.example',
    '/\t/evil.example',
    '/articles/..//evil.example',
    'https://evil.example/',
  ]

  it.each(CRAFTED)('enable refuses %j with 400', async (redirect) => {
    const response = await get(await studioDraftModePath(editor, redirect))
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
  })

  it.each(CRAFTED)('disable sends %j home instead', async (redirect) => {
    const response = await get(`/api/draft-mode/disable?${new URLSearchParams({ redirect })}`)
    expect(response.status).toBeGreaterThanOrEqual(300)
    expect(response.status).toBeLessThan(400)
    expect(new URL(response.headers.get('location') ?? '', siteUrl).href).toBe(`${siteUrl}/`)
  })

  it('still opens a page on the site', async () => {
    const response = await get(`/api/draft-mode/disable?${new URLSearchParams({ redirect: STORY })}`)
    expect(new URL(response.headers.get('location') ?? '', siteUrl).pathname).toBe(STORY)
  })
})

describe('addresses with a malformed percent-encoding', () => {
  it.each([
    '/articles/%E0%A4%A',
    '/articles/a%ZZ',
    '/articles/%C0%AF',
    '/sections/%E0%A4%A/page/2',
    '/tags/%FF/rss.xml',
    '/data/%E0%A4%A/observations.csv',
    '/embed/chart/%',
  ])('refuses %s with 400, not a server error', async (path) => {
    const response = await get(path)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('malformed percent-encoding')
  })

  it('still serves an address whose escapes decode, and a page a moment later', async () => {
    expect((await get('/articles/%E2%80%8Bno-such-story')).status).toBe(404)
    expect((await get(STORY)).status).toBe(200)
  })
})

describe('the page cache under requests for pages that do not exist', () => {
  it('keeps a cached page cached through 1,200 random 404s', { timeout: 300_000 }, async () => {
    await get(STORY)
    expect((await get(STORY)).headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/)
    const paths = Array.from({ length: 1200 }, (_, i) => `/articles/missing-${i}-${Math.random().toString(36).slice(2)}`)
    for (let i = 0; i < paths.length; i += 12) {
      const statuses = await Promise.all(paths.slice(i, i + 12).map(async (path) => (await get(path)).status))
      expect(new Set(statuses)).toEqual(new Set([404]))
    }
    expect((await get(STORY)).headers.get('x-nextjs-cache')).toMatch(/HIT|STALE/)
  })
})

describe('a Content Security Policy on every response', () => {
  it.each([
    '/feeds/rss.xml',
    '/feeds/feed.json',
    '/sitemap.xml',
    '/data/north-korea-imports-from-china/observations.json',
    '/data/north-korea-imports-from-china/observations.csv',
    '/media/images/local/production/nothing.jpg?w=1',
  ])('%s allows nothing', async (path) => {
    expect((await get(path)).headers.get('content-security-policy')).toBe(NON_PAGE_POLICY)
  })

  it('a refused webhook allows nothing', async () => {
    const response = await get('/api/revalidate', { method: 'POST', body: '{}' })
    expect(response.status).toBe(401)
    expect(response.headers.get('content-security-policy')).toBe(NON_PAGE_POLICY)
  })

  it.each([
    ['a not-found page', '/no-such-page'],
    ['a story that does not exist', '/articles/no-such-story'],
    ['a cached story', STORY],
  ])('%s has the baseline and its own page policy, which allows inline scripts by hash only', async (_name, path) => {
    await (await get(path)).text()
    const policy = (await get(path)).headers.get('content-security-policy') ?? ''
    expect(policy).toContain(PAGE_BASELINE_POLICY)
    expect(policy.match(/script-src [^;,]*/g)).toHaveLength(1)
    expect(policy).toMatch(/script-src 'self'( 'sha256-[^']+')+(;|$)/)
    expect(policy).not.toContain('unsafe-inline')
  })

  it('the social card allows nothing', async () => {
    const html = await (await get(STORY)).text()
    const card = new URL(/<meta property="og:image" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '')
    expect((await get(`${card.pathname}${card.search}`)).headers.get('content-security-policy')).toBe(NON_PAGE_POLICY)
  })

  it('a draft preview has the draft baseline and its own policy, with its nonce, framed by the Studio alone', async () => {
    const enable = await get(await studioDraftModePath(editor, STORY))
    const cookie = enable.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ')
    const response = await get(STORY, { headers: { cookie } })
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain(DRAFT_BASELINE_POLICY)
    expect(policy).not.toContain(PAGE_BASELINE_POLICY)
    expect(policy.match(/script-src [^;,]*/g)).toHaveLength(1)
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/)
    expect(policy.match(/frame-ancestors [^;,]*/g)).toEqual([`frame-ancestors ${new URL(inject('studioUrl')).origin}`])
    expect(response.headers.get('x-frame-options')).toBeNull()
  })
})
