import 'server-only'
import { ContentUnavailableError } from '@/lib/content/lastGoodAnswers'
import { BACK_SHORTLY_HTML, backShortlyHeaders } from './backShortlyPage.mjs'

/** The "back shortly" page with 503 and Retry-After, never to be kept by any cache. */
export function backShortlyResponse(): Response {
  return new Response(BACK_SHORTLY_HTML, {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...backShortlyHeaders() },
  })
}

/**
 * A route handler (feed, sitemap, download) that answers 503 instead of 500 when its content was
 * never loaded and the lake cannot be reached; with a last good answer it serves that (lib/content/fetch.ts).
 */
export function orBackShortly<Args extends unknown[]>(handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    try {
      return await handler(...args)
    } catch (error) {
      if (error instanceof ContentUnavailableError) return backShortlyResponse()
      throw error
    }
  }
}
