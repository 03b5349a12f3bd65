import Link from 'next/link'
import type { ComponentProps } from 'react'

/**
 * The site's links: navigation in place, without prefetching. Next would otherwise fetch the
 * payload of the page behind every link in view, one request per link per reader, each reaching
 * the origin (no shared cache keeps payloads: they depend on the reader's router state) and each
 * adding work on the reader's main thread while the page loads. A click fetches the one payload it
 * needs, from the page cache.
 */
export function SiteLink(props: Omit<ComponentProps<typeof Link>, 'prefetch'>) {
  return <Link {...props} prefetch={false} />
}
