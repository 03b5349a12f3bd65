import { NON_PAGE_PATHS } from '../http/pageCacheControl'
import { contentSecurityPolicy, NON_DOCUMENT_POLICY, policyOptionsFromEnv } from './contentSecurityPolicy.mjs'

/**
 * Headers every response carries (pages, feeds, data downloads, images): HTTPS only for two
 * years, no MIME sniffing, no referrer beyond the origin to other sites, no framing, and no
 * access to device features the site never uses.
 */
export const SECURITY_HEADERS = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
]

/**
 * A Content Security Policy on every response, by header rules (next.config.ts), which Next.js
 * applies in order, a later rule's header replacing an earlier one's:
 * - any page: the page policy with no inline script or style allowed. A page served from the
 *   cache replaces it with its own policy by hash (lib/cache/pageCacheHandler.mjs), a draft
 *   preview with its nonce (proxy.ts); what keeps this one is a page rendered for one response
 *   without either, an error page, which then runs no inline script at all.
 * - everything that is not a page (NON_PAGE_PATHS): nothing allowed.
 */
export const CONTENT_SECURITY_POLICY_RULES = [
  {
    source: '/:path*',
    headers: [
      { key: 'Content-Security-Policy', value: contentSecurityPolicy({ inline: { scripts: [], styles: [] }, ...policyOptionsFromEnv() }) },
    ],
  },
  { source: NON_PAGE_PATHS, headers: [{ key: 'Content-Security-Policy', value: NON_DOCUMENT_POLICY }] },
]
