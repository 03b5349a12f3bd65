import type { NextConfig } from 'next'
import { SECURITY_HEADERS } from './lib/security/securityHeaders'

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }]
  },
}

export default nextConfig
