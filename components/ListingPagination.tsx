import Link from 'next/link'
import { listingPageHref } from '@/lib/content/listingPages'

/** Newer and older pages of a section's or an author's stories. */
export function ListingPagination({ base, page, hasOlder }: { base: string; page: number; hasOlder: boolean }) {
  if (page === 1 && !hasOlder) return null
  return (
    <nav className="pagination" aria-label="More stories">
      {page > 1 && (
        <Link href={listingPageHref(base, page - 1)} rel="prev">
          Newer stories
        </Link>
      )}
      <span>{`Page ${page}`}</span>
      {hasOlder && (
        <Link href={listingPageHref(base, page + 1)} rel="next">
          Older stories
        </Link>
      )}
    </nav>
  )
}
