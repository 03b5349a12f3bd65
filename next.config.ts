import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'
import { PAGE_CACHE_RULE, SEARCH_CACHE_RULE } from './lib/http/pageCacheControl'
import { CONTENT_SECURITY_POLICY_RULES, FRAME_PROTECTION_RULES, SECURITY_HEADERS } from './lib/security/securityHeaders'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A page's ETag is computed once, when it is rendered (lib/cache/pageCacheHandler.mjs), rather
  // than by hashing its whole HTML again on every request.
  generateEtags: false,
  reactStrictMode: true,
  // Rendered pages are stored with the policy for their inline scripts (see the handler); in
  // memory for one instance, in Redis when REDIS_URL is set so that several share one cache.
  cacheHandler: fileURLToPath(new URL('./lib/cache/pageCacheHandler.mjs', import.meta.url)),
  cacheMaxMemorySize: 0,
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      ...FRAME_PROTECTION_RULES,
      ...CONTENT_SECURITY_POLICY_RULES,
      PAGE_CACHE_RULE,
      SEARCH_CACHE_RULE,
    ]
  },
}

export default nextConfig
