const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:'])

/**
 * A link target safe to put in an href: http(s), mailto, or a same-site path. Anything else
 * (javascript:, data:, protocol-relative //host) is dropped so the text renders without a link.
 */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string') return undefined
  const trimmed = href.trim()
  if (trimmed.startsWith('/') && !trimmed.startsWith('//') && !trimmed.startsWith('/\\')) return trimmed
  if (trimmed.startsWith('#')) return trimmed
  try {
    return SAFE_SCHEMES.has(new URL(trimmed).protocol) ? trimmed : undefined
  } catch {
    return undefined
  }
}
