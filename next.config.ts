import { fileURLToPath } from 'node:url'
import type { NextConfig } from 'next'
import { SECURITY_HEADERS } from './lib/security/securityHeaders'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Several instances share one cache in Redis when REDIS_URL is set; one instance keeps Next's own.
  ...(process.env.REDIS_URL && {
    cacheHandler: fileURLToPath(new URL('./lib/cache/redisCacheHandler.mjs', import.meta.url)),
    cacheMaxMemorySize: 0,
  }),
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }]
  },
}

export default nextConfig
