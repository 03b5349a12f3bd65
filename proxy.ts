import { type NextRequest, NextResponse } from 'next/server'
import { pageCacheControl } from '@/lib/http/pageCacheControl'
import { contentSecurityPolicy, createNonce } from '@/lib/security/contentSecurityPolicy'

/**
 * Gives every page its own script nonce and the Content Security Policy that names it; Next.js
 * reads the policy from the request and puts the nonce on its own scripts. Also says how long
 * shared caches may keep the page: Next.js marks every page rendered per request as uncacheable,
 * but a page here is the same for every reader, so the edge may micro-cache it.
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
  const cacheControl = pageCacheControl(request)
  if (cacheControl) response.headers.set('Cache-Control', cacheControl)
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
