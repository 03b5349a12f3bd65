import { type NextRequest, NextResponse } from 'next/server'
import { contentSecurityPolicy, createNonce, policyOptionsFromEnv } from '@/lib/security/contentSecurityPolicy.mjs'

/**
 * An editor's draft preview and a page of search results are rendered for one response, so each gets its own script nonce and the
 * Content Security Policy that names it; Next.js reads the policy from the request and puts the
 * nonce on its own scripts. A reader's page never comes here: it is rendered once and served from
 * the cache with the policy for its inline scripts stored beside it (lib/cache/pageCacheHandler.mjs).
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({ inline: { nonce: createNonce() }, ...policyOptionsFromEnv() })
  const requestHeaders = new Headers(request.headers)
  requestHeaders.set('Content-Security-Policy', policy)
  const response = NextResponse.next({ request: { headers: requestHeaders } })
  response.headers.set('Content-Security-Policy', policy)
  response.headers.set('Cache-Control', 'private, no-store')
  return response
}

// Literals, as Next.js reads them at build time: the page paths and draft-mode cookie of
// lib/http/pageCacheControl.ts (PAGE_PATHS, DRAFT_MODE_COOKIE).
export const config = {
  matcher: [
    {
      source:
        '/((?!api|media|_next/static|_next/image|favicon.ico|feeds|.*/opengraph-image|.*\\.(?:xml|json|csv|txt|png|jpg|webp|avif)$).*)',
      has: [{ type: 'cookie', key: '__prerender_bypass' }],
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
    { source: '/search' },
  ],
}
