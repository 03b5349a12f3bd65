/** The site's identity in every feed, sitemap and social card. */
export const SITE_NAME = 'Factline'
export const SITE_DESCRIPTION = 'News where every trade figure links to its data.'
export const SITE_LANGUAGE = 'en'

const DEFAULT_SITE_URL = 'http://localhost:3000'

/**
 * The public origin readers and partners reach the site at (`SITE_URL`), without a trailing
 * slash. Feeds, sitemaps and cards are read away from the site, so every URL in them is absolute.
 */
export function siteUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.SITE_URL || DEFAULT_SITE_URL).replace(/\/+$/, '')
}

export function absoluteUrl(path: string, siteUrl: string): string {
  return new URL(path, `${siteUrl}/`).href
}

/**
 * The newsroom's address on the contact page (`NEWSROOM_EMAIL`). Unset, it is an address on the
 * reserved `.example` domain, so a demonstration install never shows an address someone else owns.
 */
export function newsroomEmailFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.NEWSROOM_EMAIL || 'newsroom@factline.example'
}
