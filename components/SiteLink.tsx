import Link from 'next/link'
import type { ComponentProps } from 'react'

/**
 * The site's links: navigation in place, without prefetching. Next would otherwise fetch, for every
 * link in view, the payload of the page it points to: a dozen requests per reader of a front page,
 * all reaching the origin, since no shared cache keeps payloads (they depend on the reader's
 * router state), and work on the reader's main thread while the page loads. A click fetches the
 * one payload it needs, from the page cache.
 */
export function SiteLink(props: Omit<ComponentProps<typeof Link>, 'prefetch'>) {
  return <Link {...props} prefetch={false} />
}
