import 'server-only'
import { contentSourceFromEnv } from '@/lib/content/config'
import { canonicalImageRequest } from '@/lib/content/imageTransforms'

const UPSTREAM_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified', 'vary']
/** Decided from the URL alone, so shared caches may keep the answer; for a day, in case the site's widths change. */
const DECIDED = 'public, max-age=86400'

/**
 * Serves `/media/images/...` from the embedded lake's image endpoint, passing the reader's Accept
 * header so the lake can pick WebP or AVIF. Only the transforms the site itself uses are passed
 * on (lib/content/imageTransforms.ts): the same transform written another way is redirected to
 * its one canonical URL, anything else is refused with 400 before the lake renders anything. The
 * lake stays on loopback; only the site is public.
 */
export async function proxyLakeImage(request: Request): Promise<Response> {
  const lake = contentSourceFromEnv().apiHost
  if (!lake) return new Response('Not found', { status: 404 })
  const url = new URL(request.url)
  const path = url.pathname.replace(/^\/media\//, '/')
  const match = /^\/images\/[\w-]+\/[\w-]+\/([\w.-]+)$/.exec(path)
  if (!match?.[1]) return new Response('Not found', { status: 404 })
  const transform = canonicalImageRequest(match[1], url.search)
  if (transform.kind === 'refused') return new Response(`${transform.message}.\n`, { status: 400, headers: { 'cache-control': DECIDED } })
  if (transform.kind === 'redirect') {
    return new Response(null, { status: 308, headers: { location: `${url.pathname}${transform.search}`, 'cache-control': DECIDED } })
  }
  const upstream = await fetch(`${lake}${path}${transform.search}`, {
    headers: { accept: request.headers.get('accept') ?? '*/*' },
    cache: 'no-store',
  }).catch(() => undefined)
  if (!upstream) return new Response('Image service unavailable', { status: 503 })
  const headers = new Headers()
  for (const name of UPSTREAM_HEADERS) {
    const value = upstream.headers.get(name)
    if (value) headers.set(name, value)
  }
  return new Response(upstream.body, { status: upstream.status, headers })
}
