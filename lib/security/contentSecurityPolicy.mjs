/** Image hosts a page may load from besides itself: Sanity's CDN when a hosted project is configured. */
const SANITY_CDN = 'https://cdn.sanity.io'

/**
 * The site's Content Security Policy: scripts only from the site plus the inline ones `inline`
 * allows (no eval outside development), styles likewise, images from the site, data:
 * placeholders and the hosted CDN, no plugins, no framing, forms to the site only. Never
 * `unsafe-inline` outside development.
 *
 * `inline` is either a nonce, for a page rendered for one response (Next.js puts it on its own
 * elements), or the hashes of exactly the inline scripts and styles of a page served from the
 * cache, which is the same for every reader and so cannot carry a per-response nonce.
 * Plain JavaScript, for the cache handler that Next.js loads unbundled.
 *
 * `frameable` is for embeds (EMBED_PATH_PREFIX), which partners frame on their own pages.
 * `studioOrigin` is for an editor's draft preview, which the Studio's Presentation tool frames: only
 * that origin may frame it, and its click-to-edit overlays may style themselves inline (their
 * styling library writes style elements and attributes that carry no nonce). Readers never get it.
 *
 * @param {{ inline: { nonce: string } | { scripts: string[], styles: string[] }, development: boolean, hostedImages: boolean, frameable?: boolean, studioOrigin?: string }} options
 * @returns {string}
 */
export function contentSecurityPolicy({ inline, development, hostedImages, frameable = false, studioOrigin }) {
  const quoted = (sources) => sources.map((source) => `'${source}'`)
  const scripts = 'nonce' in inline ? [`'nonce-${inline.nonce}'`, `'strict-dynamic'`] : quoted(inline.scripts)
  const inlineStyles = development || studioOrigin !== undefined
  const styles = inlineStyles ? [`'unsafe-inline'`] : 'nonce' in inline ? [`'nonce-${inline.nonce}'`] : quoted(inline.styles)
  return [
    `default-src 'self'`,
    ['script-src', `'self'`, ...scripts, ...(development ? [`'unsafe-eval'`] : [])].join(' '),
    ['style-src', `'self'`, ...styles].join(' '),
    `img-src 'self' data: blob:${hostedImages ? ` ${SANITY_CDN}` : ''}`,
    `font-src 'self'`,
    `connect-src 'self'`,
    ...pageBaseline(studioOrigin ?? (frameable ? '*' : "'none'")),
  ].join('; ')
}

/**
 * Where the embeds a partner frames are served from: the only pages any site may frame
 * (app/embed; header rules in lib/security/securityHeaders.ts).
 */
export const EMBED_PATH_PREFIX = '/embed/'

/**
 * What every page's policy forbids whatever its scripts: plugins, another base URL, forms to other
 * sites, and framing by any but `frameAncestors` (none; any site for an embed; the Studio for a draft preview).
 * @param {string} frameAncestors
 */
const pageBaseline = (frameAncestors) => [...FORBIDDEN_ON_PAGES, `frame-ancestors ${frameAncestors}`]
const FORBIDDEN_ON_PAGES = [`object-src 'none'`, `base-uri 'self'`, `form-action 'self'`]

/**
 * A policy every page response carries by a header rule. A cached page's and a draft preview's
 * own policy comes beside it, and browsers enforce both, so it restricts nothing those allow: it
 * names no script or style source. A page that gets no policy of its own (an error rendered for
 * one response) still cannot be framed, load plugins, change its base URL or post elsewhere.
 */
export const PAGE_BASELINE_POLICY = pageBaseline("'none'").join('; ')

/** The same for an embed, which any site may frame. */
export const EMBED_BASELINE_POLICY = pageBaseline('*').join('; ')

/**
 * The same for an editor's draft preview, which the Studio frames: the frame-ancestors naming the
 * Studio come with the preview's own policy (proxy.ts), read from the environment at run time.
 */
export const DRAFT_BASELINE_POLICY = FORBIDDEN_ON_PAGES.join('; ')

/**
 * The policy of a response that is no document to run (a feed, JSON, CSV, a sitemap, an image):
 * should a browser open one as a page, it may load, run, frame or submit nothing.
 */
export const NON_DOCUMENT_POLICY = `default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`

/** Where the policy differs between deployments, read from the environment. */
export function policyOptionsFromEnv() {
  return { development: process.env.NODE_ENV === 'development', hostedImages: Boolean(process.env.SANITY_PROJECT_ID) }
}

/** A fresh, unguessable nonce for one response. */
export function createNonce() {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
}
