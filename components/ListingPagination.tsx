import { listingPageHref } from '@/lib/content/listingPages'
import { SiteLink } from './SiteLink'

/** Newer and older pages of a section's or an author's stories. */
export function ListingPagination({ base, page, hasOlder }: { base: string; page: number; hasOlder: boolean }) {
  if (page === 1 && !hasOlder) return null
  return (
    <nav className="pagination" aria-label="More stories">
      {page > 1 && (
        <SiteLink href={listingPageHref(base, page - 1)} rel="prev">
          Newer stories
        </SiteLink>
      )}
      <span>{`Page ${page}`}</span>
      {hasOlder && (
        <SiteLink href={listingPageHref(base, page + 1)} rel="next">
          Older stories
        </SiteLink>
      )}
    </nav>
  )
}
