import 'server-only'
import { timingSafeEqual } from 'node:crypto'
import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { sameSitePath } from '@/lib/site/safeHref'

function secretMatches(given: string | null, expected: string | undefined): boolean {
  if (!given || !expected) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * GET /api/draft-mode/enable?secret=…&redirect=/articles/… — turns on Next.js draft mode for this
 * browser and sends it to the page to preview. The secret is SANITY_PREVIEW_SECRET; the redirect
 * must be a path on this site, so the route cannot be used to bounce readers elsewhere.
 */
export async function enableDraftPreview(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams
  if (!secretMatches(params.get('secret'), process.env.SANITY_PREVIEW_SECRET)) {
    return new Response('Draft preview needs the preview secret.', { status: 401 })
  }
  const path = sameSitePath(params.get('redirect') ?? '/')
  if (!path) return new Response('Draft preview can only open a page on this site.', { status: 400 })
  ;(await draftMode()).enable()
  redirect(path)
}

/** GET /api/draft-mode/disable?redirect=/articles/… — back to the published site, on the same page. */
export async function disableDraftPreview(request: Request): Promise<Response> {
  ;(await draftMode()).disable()
  redirect(sameSitePath(new URL(request.url).searchParams.get('redirect')) ?? '/')
}
