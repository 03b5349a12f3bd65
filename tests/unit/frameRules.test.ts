import { describe, expect, it } from 'vitest'
import { pagePathOf } from '@/lib/cache/cacheKeys.mjs'
import { DRAFT_MODE_COOKIE, NON_PAGE_PATHS } from '@/lib/http/pageCacheControl'
import { contentSecurityPolicy, EMBED_PATH_PREFIX } from '@/lib/security/contentSecurityPolicy.mjs'
import { FRAME_PROTECTED_PAGE_PATHS, FRAME_PROTECTION_RULES, NOT_EMBED_PATHS } from '@/lib/security/securityHeaders'

const matches = (source: string, path: string) => new RegExp(`^${source}$`).test(path)
const isEmbed = (path: string) => path.startsWith(EMBED_PATH_PREFIX)

describe('which responses partners may frame', () => {
  it.each([
    ['/embed/chart/north-korea-imports-from-china', 'embed'],
    ['/embed/figure/north-korea-imports-from-china/2021-03', 'embed'],
    ['/', 'page'],
    ['/embedded-story', 'page'],
    ['/articles/embed', 'page'],
    ['/data/north-korea-imports-from-china', 'page'],
    ['/feeds/rss.xml', 'not a page'],
    ['/articles/nk-imports-from-china-spike-in-march/ninjs.json', 'not a page'],
    ['/api/oembed', 'not a page'],
  ])('%s is framed as %s: X-Frame-Options DENY unless an embed, and exactly one page policy', (path, kind) => {
    expect(matches(NOT_EMBED_PATHS, path)).toBe(kind !== 'embed')
    expect(isEmbed(path)).toBe(kind === 'embed')
    expect([matches(FRAME_PROTECTED_PAGE_PATHS, path), isEmbed(path), matches(NON_PAGE_PATHS, path)].filter(Boolean)).toHaveLength(1)
    expect(matches(FRAME_PROTECTED_PAGE_PATHS, path)).toBe(kind === 'page')
  })

  it.each([
    [false, "frame-ancestors 'none'"],
    [true, 'frame-ancestors *'],
  ])('a cached page with frameable %s has %s', (frameable, directive) => {
    const policy = contentSecurityPolicy({ inline: { scripts: [], styles: [] }, development: false, hostedImages: false, frameable })
    expect(policy.split('; ')).toContain(directive)
  })

  it.each([
    ['a reader’s page', undefined, "frame-ancestors 'none'", "style-src 'self' 'nonce-n0nce'"],
    ['a draft preview', 'http://localhost:3333', 'frame-ancestors http://localhost:3333', "style-src 'self' 'unsafe-inline'"],
  ])('%s rendered for one response has %s and %s', (_, studioOrigin, frameAncestors, styles) => {
    const policy = contentSecurityPolicy({ inline: { nonce: 'n0nce' }, development: false, hostedImages: false, studioOrigin })
    expect(policy.split('; ')).toEqual(expect.arrayContaining([frameAncestors, styles, "script-src 'self' 'nonce-n0nce' 'strict-dynamic'"]))
  })

  it('refuses framing by X-Frame-Options except to a draft preview, which the Studio frames', () => {
    expect(FRAME_PROTECTION_RULES).toEqual([expect.objectContaining({ missing: [{ type: 'cookie', key: DRAFT_MODE_COOKIE }] })])
  })
})

describe('pagePathOf', () => {
  it.each([
    ['a Next.js 16 route-cache key', '/route-cache/APP_PAGE/3f2a/$/embed/chart/imports', '/embed/chart/imports'],
    ['a key that is the path', '/embed/figure/imports/2021-03', '/embed/figure/imports/2021-03'],
    ['the home page', '/route-cache/APP_PAGE/3f2a/$/index', '/index'],
  ])('reads %s', (_, key, path) => {
    expect(pagePathOf(key)).toBe(path)
  })
})
