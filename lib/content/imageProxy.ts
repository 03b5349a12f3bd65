import 'server-only'
import { contentSourceFromEnv } from './config'

const UPSTREAM_HEADERS = ['content-type', 'content-length', 'cache-control', 'etag', 'last-modified', 'vary']

/**
 * Serves `/media/images/...` from the embedded lake's image endpoint, passing the reader's Accept
 * header so the lake can pick WebP or AVIF. The lake stays on loopback; only the site is public.
 */
export async function proxyLakeImage(request: Request): Promise<Response> {
  const lake = contentSourceFromEnv().apiHost
  if (!lake) return new Response('Not found', { status: 404 })
  const url = new URL(request.url)
  const path = url.pathname.replace(/^\/media\//, '/')
  if (!/^\/images\/[\w-]+\/[\w-]+\/[\w.-]+$/.test(path)) return new Response('Not found', { status: 404 })
  const upstream = await fetch(`${lake}${path}${url.search}`, {
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
