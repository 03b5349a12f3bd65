import { type NextRequest, NextResponse } from 'next/server'
import { contentSecurityPolicy, createNonce } from '@/lib/security/contentSecurityPolicy'

/**
 * Gives every page its own script nonce and the Content Security Policy that names it; Next.js
 * reads the policy from the request and puts the nonce on its own scripts.
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy(createNonce(), {
    development: process.env.NODE_ENV === 'development',
    hostedImages: Boolean(process.env.SANITY_PROJECT_ID),
  })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', policy)
  return response
}

export const config = {
  // Pages only: feeds, data downloads, images and API routes run no script in a browser.
  matcher: [
    {
      source: '/((?!api|media|_next/static|_next/image|favicon.ico|feeds|.*\\.(?:xml|json|csv|txt|png|jpg|webp|avif)$).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
}
