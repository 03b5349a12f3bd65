'use client'
import { usePathname } from 'next/navigation'

/**
 * Leaves draft preview and comes back to the same page, published. A client component only to know
 * the current path (the site sends no Referer); a plain link, since prefetching would end the preview.
 */
export function ExitPreviewLink() {
  const path = usePathname()
  return <a href={`/api/draft-mode/disable?${new URLSearchParams({ redirect: path })}`}>Exit preview</a>
}
