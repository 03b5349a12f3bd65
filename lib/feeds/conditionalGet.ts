import { createHash } from 'node:crypto'
import { SHARED_CACHE_CONTROL } from '@/lib/http/pageCacheControl'

/** Weak, since a compressing proxy may change the bytes but not the meaning. */
export const etagOf = (body: string) => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`

const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/** RFC 9110: If-None-Match wins over If-Modified-Since; dates compare at whole seconds. */
function isNotModified(headers: Headers, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = headers.get('if-none-match')
  if (ifNoneMatch !== null) return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag))
  const since = Date.parse(headers.get('if-modified-since') ?? '')
  return lastModified !== undefined && !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since
}

/**
 * A syndication response with validators, or `304 Not Modified` when the client's copy is
 * current. `lastModified` is left out where the content changes with the clock, not with edits.
 */
export function conditionalResponse(
  request: Request,
  body: string,
  { contentType, lastModified }: { contentType: string; lastModified?: string },
): Response {
  const etag = etagOf(body)
  const modified = lastModified ? new Date(lastModified) : undefined
  const headers = {
    etag,
    // Readers revalidate every time, which the ETag makes cheap; shared caches keep it as briefly as a page.
    'cache-control': SHARED_CACHE_CONTROL,
    ...(modified ? { 'last-modified': modified.toUTCString() } : {}),
  }
  if (isNotModified(request.headers, etag, modified)) return new Response(null, { status: 304, headers })
  return new Response(body, { headers: { ...headers, 'content-type': `${contentType}; charset=utf-8` } })
}
