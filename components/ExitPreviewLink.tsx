'use client'
import { usePathname } from 'next/navigation'
import { exitDraftPreviewPath } from '@/lib/site/paths'

/**
 * Leaves draft preview and comes back to the same page, published. A client component only to know
 * the current path (the site sends no Referer); a plain link, since prefetching would end the preview.
 */
export function ExitPreviewLink() {
  const path = usePathname()
  return <a href={exitDraftPreviewPath(path)}>Exit preview</a>
}
