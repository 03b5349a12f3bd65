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

/**
 * A section or author (by `load`) with the stories of the page its address names, and whether an
 * older page follows. `undefined` where there is no such page: an unknown slug, a page number
 * spelled any other way, or a page past the last.
 */
export async function loadListing<T extends { articles: unknown[] }>(
  params: Promise<{ slug: string; page?: string[] }>,
  load: (slug: string, page: number) => Promise<T | null>,
): Promise<{ owner: T; stories: T['articles']; page: number; hasOlder: boolean } | undefined> {
  const { slug, page: segments } = await params
  const page = pageNumberOf(segments)
  const owner = page === undefined ? null : await load(slug, page)
  if (!owner || page === undefined || (page > 1 && owner.articles.length === 0)) return undefined
  return { owner, stories: owner.articles.slice(0, LISTING_PAGE_SIZE), page, hasOlder: owner.articles.length > LISTING_PAGE_SIZE }
}

/** A listing page's title: its owner's name, and the page number after the first. */
export const listingTitle = (name: string, page: number) => (page === 1 ? name : `${name}, page ${page}`)
