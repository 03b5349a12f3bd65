import { describe, expect, it } from 'vitest'
import { sameSitePath } from '@/lib/site/safeHref'
import { articlePreviewUrl } from '../../sanity/previewUrl'

describe('the path draft preview may redirect to', () => {
  it.each([
    ['/articles/nk-imports-from-china-spike-in-march', '/articles/nk-imports-from-china-spike-in-march'],
    ['/', '/'],
    ['/sections/economy?page=2#top', '/sections/economy?page=2#top'],
    ['/articles/../authors/ahn-sung-mi', '/authors/ahn-sung-mi'],
    ['/articles/../../authors/ahn-sung-mi', '/authors/ahn-sung-mi'],
    ['/search?next=//evil.example', '/search?next=//evil.example'],
    ['/articles/a%2Fb', '/articles/a%2Fb'],
    ['/ articles', '/%20articles'],
    ['/\u0000/x', '/%00/x'],
  ])('keeps %s', (value, expected) => {
    expect(sameSitePath(value)).toBe(expected)
  })

  it.each([
    '//evil.example',
    '//evil.example/articles/x',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\\/evil.example',
    '\\/evil.example',
    '/.//evil.example',
    '/./\\evil.example',
    '/..//evil.example',
    '/articles/..//evil.example',
    '/articles/../..//evil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '/%5C%5Cevil.example',
    '/%5c/evil.example',
    '/%2F%09/evil.example',
    '/\t\\evil.example',
    'http://evil.example/articles/x',
    'http://localhost:3000.evil.example/',
    ' //evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'articles/x',
    '',
    undefined,
    null,
  ])('refuses %j', (value) => {
    expect(sameSitePath(value)).toBeUndefined()
  })
})

describe("the Studio's preview link for an article", () => {
  const article = { _type: 'article', slug: { current: 'nk-imports-from-china-spike-in-march' } }

  it('opens the article in draft mode through the secret-protected route', () => {
    const url = new URL(articlePreviewUrl(article, 'https://factline.example', 's3cret&x') ?? '')
    expect(`${url.origin}${url.pathname}`).toBe('https://factline.example/api/draft-mode/enable')
    expect(url.searchParams.get('secret')).toBe('s3cret&x')
    expect(url.searchParams.get('redirect')).toBe('/articles/nk-imports-from-china-spike-in-march')
  })

  it('opens the published page when the Studio has no preview secret', () => {
    expect(articlePreviewUrl(article, 'http://localhost:3000', undefined)).toBe(
      'http://localhost:3000/articles/nk-imports-from-china-spike-in-march',
    )
  })

  it.each([[{ _type: 'author', slug: { current: 'ahn-sung-mi' } }], [{ _type: 'article' }]])(
    'has nothing to preview for %j',
    (document) => {
      expect(articlePreviewUrl(document, 'http://localhost:3000', 'secret')).toBeUndefined()
    },
  )
})
