import { describe, expect, it } from 'vitest'
import { PAGE_PATHS } from '@/lib/http/pageCacheControl'
import { config } from '@/proxy'

describe('page caching rules', () => {
  it('runs the proxy (a nonce per response) on the same pages, for draft previews only', () => {
    const [matcher] = config.matcher
    expect(matcher?.source).toBe(PAGE_PATHS)
    expect(matcher?.has).toEqual([{ type: 'cookie', key: '__prerender_bypass' }])
  })
})
