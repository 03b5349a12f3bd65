import { describe, expect, it } from 'vitest'
import { NON_PAGE_PATHS, PAGE_PATHS } from '@/lib/http/pageCacheControl'
import { config } from '@/proxy'

describe('page caching rules', () => {
  it('runs the proxy (a nonce per response) on the same pages, for draft previews only', () => {
    const [matcher] = config.matcher
    expect(matcher?.source).toBe(PAGE_PATHS)
    expect(matcher?.has).toEqual([{ type: 'cookie', key: '__prerender_bypass' }])
  })
})

describe('pages and everything else', () => {
  const matches = (source: string, path: string) => new RegExp(`^${source}$`).test(path)

  it.each([
    ['/', 'page'],
    ['/articles/nk-imports-from-china-spike-in-march', 'page'],
    ['/articles/nk-imports-from-china-spike-in-march/opengraph-image-card', 'not a page'],
    ['/sections/economy/2', 'page'],
    ['/no-such-page', 'page'],
    ['/feeds/rss.xml', 'not a page'],
    ['/feeds/feed.json', 'not a page'],
    ['/sections/economy/atom.xml', 'not a page'],
    ['/data/north-korea-imports-from-china/observations.csv', 'not a page'],
    ['/data/north-korea-imports-from-china/observations.json', 'not a page'],
    ['/sitemap.xml', 'not a page'],
    ['/robots.txt', 'not a page'],
    ['/api/revalidate', 'not a page'],
    ['/media/images/local/production/a-1x1.jpg', 'not a page'],
    ['/_next/static/chunks/app.js', 'not a page'],
  ])('%s is %s, by exactly one of the two rules', (path, kind) => {
    expect([matches(PAGE_PATHS, path), matches(NON_PAGE_PATHS, path)]).toEqual(kind === 'page' ? [true, false] : [false, true])
  })
})
