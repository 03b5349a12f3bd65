import { BACK_SHORTLY_STYLES } from '../http/backShortlyPage.mjs'
import { DRAFT_MODE_COOKIE, NON_PAGE_PATHS, PAGE_PATHS } from '../http/pageCacheControl'
import {
  DRAFT_BASELINE_POLICY,
  EMBED_BASELINE_POLICY,
  EMBED_PATH_PREFIX,
  NON_DOCUMENT_POLICY,
  PAGE_BASELINE_POLICY,
} from './contentSecurityPolicy.mjs'

/**
 * Headers every response carries (pages, feeds, data downloads, images): HTTPS only for two
 * years, no MIME sniffing, no referrer beyond the origin to other sites, and no access to device
 * features the site never uses. No framing either (FRAME_PROTECTION_RULES) but for embeds.
 */
export const SECURITY_HEADERS = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
]

/**
 * A Content Security Policy on every response, by header rules (next.config.ts): everything that
 * is not a page (feeds, JSON, CSV, sitemaps, images, API answers) allows nothing (NON_PAGE_POLICY); a page gets the
 * baseline, beside its own policy by hash (lib/cache/pageCacheHandler.mjs) or nonce (proxy.ts).
 * Next.js appends a cached page's stored headers to those of the rules rather than replacing
 * them, so a rule cannot carry a page's full policy: browsers would enforce both.
 */
/**
 * What a response that is not a page may use: nothing, but for the style of the "back shortly"
 * page that a feed or download answers while the content lake is unreachable (lib/http/unavailable.ts),
 * since a rule's policy is enforced beside the one that page brings.
 */
export const NON_PAGE_POLICY = `${NON_DOCUMENT_POLICY}; style-src ${BACK_SHORTLY_STYLES.map((source) => `'${source}'`).join(' ')}`

/** Embeds, which partners frame (app/embed), in Next.js's path syntax. */
export const EMBED_PATHS = `${EMBED_PATH_PREFIX}:path*`
/** Every path but the embeds: the exact complement of EMBED_PATHS. */
export const NOT_EMBED_PATHS = `/((?!${EMBED_PATH_PREFIX.slice(1)}).*)`
/** Pages but the embeds: PAGE_PATHS with the embeds among what it leaves out. */
export const FRAME_PROTECTED_PAGE_PATHS = PAGE_PATHS.replace('(?!', `(?!${EMBED_PATH_PREFIX.slice(1)}|`)

const inDraftPreview = [{ type: 'cookie' as const, key: DRAFT_MODE_COOKIE }]

/**
 * Every response but an embed refuses to be framed, for browsers that predate frame-ancestors too;
 * but for an editor's draft preview, which the Studio's Presentation tool frames (its own policy
 * names the Studio as the one frame ancestor: proxy.ts).
 */
export const FRAME_PROTECTION_RULES = [
  { source: NOT_EMBED_PATHS, missing: inDraftPreview, headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
]

export const CONTENT_SECURITY_POLICY_RULES = [
  {
    source: FRAME_PROTECTED_PAGE_PATHS,
    missing: inDraftPreview,
    headers: [{ key: 'Content-Security-Policy', value: PAGE_BASELINE_POLICY }],
  },
  { source: FRAME_PROTECTED_PAGE_PATHS, has: inDraftPreview, headers: [{ key: 'Content-Security-Policy', value: DRAFT_BASELINE_POLICY }] },
  { source: EMBED_PATHS, headers: [{ key: 'Content-Security-Policy', value: EMBED_BASELINE_POLICY }] },
  { source: NON_PAGE_PATHS, headers: [{ key: 'Content-Security-Policy', value: NON_PAGE_POLICY }] },
]
