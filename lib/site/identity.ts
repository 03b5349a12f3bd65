/** The site's identity in every feed, sitemap and social card. */
export const SITE_NAME = 'Factline'
export const SITE_DESCRIPTION = 'News where every trade figure links to its data.'
export const SITE_LANGUAGE = 'en'

/**
 * The public origin readers and partners reach the site at (`SITE_URL`), without a trailing
 * slash. Feeds, sitemaps and cards are read away from the site, so every URL in them is absolute.
 *
 * Unset, it is this machine on the port the site is served on: Next.js sets `PORT` to the port it
 * listens on (`next dev --port N`), as its own social-image URLs use. No request header is trusted,
 * so a forged Host can never put another origin in a canonical link or a cached feed. Read on each
 * call, not when a module loads, because the server sets `PORT` only once it starts.
 */
export function siteUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.SITE_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, '')
}

/**
 * The newsroom's address on the contact page (`NEWSROOM_EMAIL`). Unset, it is an address on the
 * reserved `.example` domain, so a demonstration install never shows an address someone else owns.
 */
export function newsroomEmailFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.NEWSROOM_EMAIL || 'newsroom@factline.example'
}
