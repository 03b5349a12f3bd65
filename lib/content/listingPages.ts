/** Stories on one page of a section's or an author's list. */
export const LISTING_PAGE_SIZE = 24
/** Beyond this a page number is refused outright rather than looked up: no list is that long. */
const LAST_PAGE = 10_000

/**
 * The page a listing's address names after its own: none for page 1, `page/<n>` for page 2 and
 * up, written without leading zeros, so that every page has exactly one address. `undefined` for
 * anything else.
 */
export function pageNumberOf(segments: string[] | undefined): number | undefined {
  if (!segments) return 1
  const [word, number = ''] = segments
  if (segments.length !== 2 || word !== 'page' || !/^[1-9]\d*$/.test(number)) return undefined
  const page = Number(number)
  return page >= 2 && page <= LAST_PAGE ? page : undefined
}

/** The slice of stories for page `page`: one more than the page shows, to learn whether an older page exists. */
export function listingSlice(page: number): { start: number; end: number } {
  const start = (page - 1) * LISTING_PAGE_SIZE
  return { start, end: start + LISTING_PAGE_SIZE + 1 }
}

/** The stories page `page` shows, and whether an older page follows, from what `listingSlice` fetched. */
export function listingPage<T>(fetched: T[], page: number): { stories: T[]; page: number; hasOlder: boolean } {
  return { stories: fetched.slice(0, LISTING_PAGE_SIZE), page, hasOlder: fetched.length > LISTING_PAGE_SIZE }
}

/** The address of page `page` of the listing at `base`. */
export const listingPageHref = (base: string, page: number) => (page === 1 ? base : `${base}/page/${page}`)
