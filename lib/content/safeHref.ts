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

const THIS_SITE = 'http://this-site.invalid'

/**
 * A path on this site to redirect a browser to, or undefined for anything that could leave it
 * (another host, a scheme, "//evil.example", "/\\evil.example", tabs or newlines smuggling a slash).
 */
export function sameSitePath(value: unknown): string | undefined {
  if (typeof value !== 'string' || !isSitePath(value)) return undefined
  const url = new URL(value, THIS_SITE)
  return url.origin === THIS_SITE ? `${url.pathname}${url.search}${url.hash}` : undefined
}
