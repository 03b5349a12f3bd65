import { listingPagePath } from '@/lib/site/paths'
import { SiteLink } from './SiteLink'

/** What the links to the pages before and after are called, and the navigation holding them. */
type PageNames = { nav: string; previous: string; next: string }
const STORY_PAGES: PageNames = { nav: 'More stories', previous: 'Newer stories', next: 'Older stories' }

/**
 * Links to the pages before and after one page of a list: a section's, author's or topic's stories
 * by default (at `base/page/<n>`), or any list given its names and its pages' addresses.
 */
export function ListingPagination({
  base,
  page,
  hasOlder,
  names = STORY_PAGES,
  hrefOf = (n) => listingPagePath(base, n),
}: {
  base: string
  page: number
  hasOlder: boolean
  names?: PageNames
  hrefOf?: (page: number) => string
}) {
  if (page === 1 && !hasOlder) return null
  return (
    <nav className="pagination" aria-label={names.nav}>
      {page > 1 && (
        <SiteLink href={hrefOf(page - 1)} rel="prev">
          {names.previous}
        </SiteLink>
      )}
      <span>{`Page ${page}`}</span>
      {hasOlder && (
        <SiteLink href={hrefOf(page + 1)} rel="next">
          {names.next}
        </SiteLink>
      )}
    </nav>
  )
}
