import { siteUrlFromEnv } from '@/lib/site/identity'

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

// Browsers read "//host" and "/\\host" as another host.
const isSitePath = (value: string) => value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')

/**
 * A link target safe to put in an href: http(s), mailto, or a same-site path. Anything else
 * (javascript:, data:, protocol-relative //host) is dropped so the text renders without a link.
 */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined
  const trimmed = href.trim()
  if (isSitePath(trimmed)) return trimmed
  if (trimmed.startsWith('#')) return trimmed
  try {
    return SAFE_SCHEMES.has(new URL(trimmed).protocol) ? trimmed : undefined
  } catch {
    return undefined
  }
}

/** A path a browser (or a proxy that decodes %2F and %5C) would read as another host: "//host", "/\\host". */
const leavesSite = (pathname: string) => [pathname, decodedOrSelf(pathname)].some((p) => /^\/[\\/]/.test(p.replace(/[\t\n\r]/g, '')))

function decodedOrSelf(pathname: string): string {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return pathname
  }
}

/**
 * A path on this site to redirect a browser to, or undefined for anything that could leave it.
 * The value is resolved against the site's origin by the WHATWG URL parser, as a browser would
 * (tabs and newlines dropped, backslashes read as slashes, dot segments removed), and kept only
 * when the result is on that origin and its path cannot itself be read as "//host": "/.//evil"
 * resolves to the path "//evil", which would go out as `Location: //evil`.
 */
export function sameSitePath(value: unknown, siteUrl: string = siteUrlFromEnv()): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('/')) return undefined
  const origin = new URL(siteUrl).origin
  let url: URL
  try {
    url = new URL(value, origin)
  } catch {
    return undefined
  }
  if (url.origin !== origin || leavesSite(url.pathname)) return undefined
  return `${url.pathname}${url.search}${url.hash}`
}
