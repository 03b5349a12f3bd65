import 'server-only'
import { urlSearchParamPreviewPathname } from '@sanity/preview-url-secret'
import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { defineEnableDraftMode } from 'next-sanity/draft-mode'
import { createContentClient } from '@/lib/content/client'
import { contentSourceFromEnv } from '@/lib/content/config'
import { sameSitePath } from '@/lib/site/safeHref'

const source = contentSourceFromEnv()
// next-sanity types its option with the @sanity/client it bundles (7.x); the check calls only
// config(), withConfig() and fetch(), which the app's 8.x client has unchanged.
type NextSanityClient = Parameters<typeof defineEnableDraftMode>[0]['client']

/**
 * The Studio's Presentation tool (and its "Open preview") writes a short-lived secret document
 * (`sanity.previewUrlSecret`, an hour) with the editor's own rights and opens this route with it;
 * the route reads it back with the server's token, so only someone who may write to the dataset
 * can turn draft mode on, and no lasting secret ever travels in a link.
 */
const studioSecretCheck = source.token
  ? defineEnableDraftMode({ client: createContentClient(source) as unknown as NextSanityClient })
  : undefined

/**
 * GET /api/draft-mode/enable?sanity-preview-secret=…&sanity-preview-pathname=/articles/… — turns on
 * Next.js draft mode for this browser and opens the page. The page must be a path on this site, so
 * the route cannot bounce anyone elsewhere (`//host` and its disguises are refused).
 */
export async function enableDraftMode(request: Request): Promise<Response> {
  const path = new URL(request.url).searchParams.get(urlSearchParamPreviewPathname) ?? '/'
  if (!sameSitePath(path)) return new Response('Draft mode can only open a page on this site.', { status: 400 })
  if (!studioSecretCheck) return new Response('Draft mode needs SANITY_API_READ_TOKEN to check the Studio’s secret.', { status: 500 })
  return studioSecretCheck.GET(request)
}

/** GET /api/draft-mode/disable?redirect=/articles/… — back to the published site, on the same page. */
export async function disableDraftMode(request: Request): Promise<Response> {
  ;(await draftMode()).disable()
  redirect(sameSitePath(new URL(request.url).searchParams.get('redirect')) ?? '/')
}
