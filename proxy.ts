import { type NextRequest, NextResponse } from 'next/server'
import { studioUrlFromEnv } from '@/lib/content/studioUrl'
import { DRAFT_MODE_COOKIE } from '@/lib/http/pageCacheControl'
import { contentSecurityPolicy, createNonce, NON_DOCUMENT_POLICY, policyOptionsFromEnv } from '@/lib/security/contentSecurityPolicy.mjs'

/** Whether every escape of an address decodes (UTF-8 included): Next.js answers 500 for one that does not. */
function decodes(path: string): boolean {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

/**
 * An editor's draft preview and a page of search results are rendered for one response, so each gets its own script nonce and the
 * Content Security Policy that names it; Next.js reads the policy from the request and puts the
 * nonce on its own scripts. A reader's page never comes here: it is rendered once and served from
 * the cache with the policy for its inline scripts stored beside it (lib/cache/pageCacheHandler.mjs).
 */
export function proxy(request: NextRequest) {
  // An address with a malformed escape (`/articles/%E0%A4%A`) would reach Next's route matcher,
  // which cannot decode it and, with no Pages Router error page, answers 500: refuse it here.
  if (!decodes(request.nextUrl.pathname))
    return new Response('Bad request: the address has a malformed percent-encoding.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': NON_DOCUMENT_POLICY },
    })
  // Any other address with an escape comes only for that check.
  const inDraftPreview = request.cookies.has(DRAFT_MODE_COOKIE)
  if (request.nextUrl.pathname !== '/search' && !inDraftPreview) return NextResponse.next()
  // A draft preview opens in the Studio's Presentation tool, which alone may frame it.
  const studioOrigin = inDraftPreview ? new URL(studioUrlFromEnv()).origin : undefined
  const policy = contentSecurityPolicy({ inline: { nonce: createNonce() }, ...policyOptionsFromEnv(), studioOrigin })
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
    // Addresses with a percent-escape, to check that it decodes (above).
    { source: '/(.*%.*)', missing: [{ type: 'cookie', key: '__prerender_bypass' }] },
  ],
}
