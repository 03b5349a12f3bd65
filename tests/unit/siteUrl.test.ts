import { describe, expect, it } from 'vitest'
import { siteUrlFromEnv } from '@/lib/site/identity'

describe('the site’s public origin', () => {
  it.each([
    ['SITE_URL when set, whatever port serves it', { SITE_URL: 'https://news.example.org/', PORT: '4123' }, 'https://news.example.org'],
    ['this machine on the port Next.js serves on', { PORT: '4123' }, 'http://localhost:4123'],
    ['port 3000 when nothing says otherwise', {}, 'http://localhost:3000'],
    ['an empty SITE_URL as unset', { SITE_URL: '', PORT: '5001' }, 'http://localhost:5001'],
  ])('is %s', (_, env, expected) => {
    expect(siteUrlFromEnv(env as NodeJS.ProcessEnv)).toBe(expected)
  })
})
