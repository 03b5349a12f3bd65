import { describe, expect, it } from 'vitest'
import { pagePathOf } from '@/lib/cache/cacheKeys.mjs'
import { NON_PAGE_PATHS } from '@/lib/http/pageCacheControl'
import { contentSecurityPolicy, EMBED_PATH_PREFIX } from '@/lib/security/contentSecurityPolicy.mjs'
import { FRAME_PROTECTED_PAGE_PATHS, NOT_EMBED_PATHS } from '@/lib/security/securityHeaders'

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
