import { describe, expect, it } from 'vitest'
import { pageCacheControl } from '@/lib/http/pageCacheControl'

const request = (headers: Record<string, string>, cookies: string[] = []) => ({
  headers: new Headers(headers),
  cookies: { has: (name: string) => cookies.includes(name) },
})

describe('pageCacheControl', () => {
  it.each([
    ['a reader’s page', request({}), 'public, max-age=0, s-maxage=1, stale-while-revalidate=3, stale-if-error=86400'],
    ['a page in draft preview', request({}, ['__prerender_bypass']), 'private, no-store'],
    ['a draft-preview refresh', request({ rsc: '1' }, ['__prerender_bypass']), 'private, no-store'],
    ['an in-app navigation payload', request({ rsc: '1' }), undefined],
  ])('%s → %j', (_name, input, expected) => {
    expect(pageCacheControl(input)).toBe(expected)
  })
})
