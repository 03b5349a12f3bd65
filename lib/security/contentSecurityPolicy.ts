/** Image hosts a page may load from besides itself: Sanity's CDN when a hosted project is configured. */
const SANITY_CDN = 'https://cdn.sanity.io'

/**
 * The site's Content Security Policy: scripts only from the site and with this response's nonce
 * (no inline script without it, no eval outside development), styles from the site, images from
 * the site, data: placeholders and the hosted CDN, no plugins, no framing, forms to the site only.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; hostedImages: boolean }): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' ${options.development ? `'unsafe-inline'` : `'nonce-${nonce}'`}`,
    `img-src 'self' data: blob:${options.hostedImages ? ` ${SANITY_CDN}` : ''}`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ')
}

/** A fresh, unguessable nonce for one response. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
}

/** The nonce a policy names, for a script element the page renders itself. */
export function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? '')?.[1]
}
