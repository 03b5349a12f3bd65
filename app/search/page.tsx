import type { Metadata } from 'next'
import { ListingPagination } from '@/components/ListingPagination'
import { SearchForm } from '@/components/SearchForm'
import { SearchResult } from '@/components/SearchResult'
import { loadSearch, TOO_BROAD } from '@/lib/content/fetch'
import { LISTING_PAGE_SIZE } from '@/lib/site/listingPages'
import { SEARCH_PATH, searchPath } from '@/lib/site/paths'
import { searchRequestOf } from '@/lib/site/search'

/** `/search?q=words&page=n`. Rendered per request and never cached (lib/content/fetch.ts loadSearch, next.config.ts). */
type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> }

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const search = searchRequestOf(await searchParams)
  // Results are endless and change with every story: no search engine should index them.
  return { title: search ? `Search: ${search.words.join(' ')}` : 'Search', robots: { index: false, follow: true } }
}

export default async function SearchPage({ searchParams }: Props) {
  const search = searchRequestOf(await searchParams)
  const answer = search ? await loadSearch(search) : []
  const found = answer === TOO_BROAD ? [] : answer
  const results = found.slice(0, LISTING_PAGE_SIZE)
  const hasMore = found.length > LISTING_PAGE_SIZE
  const query = search?.words.join(' ') ?? ''
  return (
    <div className="listing search-page">
      <h1>{search ? `Search results for “${query}”` : 'Search'}</h1>
      <SearchForm query={query} id="search-page-query" />
      {search && answer === TOO_BROAD && (
        <p role="status">{`“${query}” is in too many stories to rank them in time. Add a word to narrow the search.`}</p>
      )}
      {search && answer !== TOO_BROAD && results.length === 0 && (
        <p role="status">{search.page > 1 ? 'No more results.' : `No stories match “${query}”. Try fewer or other words.`}</p>
      )}
      {search && results.length > 0 && (
        <>
          <p role="status">{`Page ${search.page}: results ${(search.page - 1) * LISTING_PAGE_SIZE + 1} to ${(search.page - 1) * LISTING_PAGE_SIZE + results.length}, best matches first.`}</p>
          <ol className="article-list search-results" aria-label={`Results for ${query}`}>
            {results.map((story) => (
              <li key={story._id}>
                <SearchResult story={story} words={search.words} />
              </li>
            ))}
          </ol>
          <ListingPagination
            base={SEARCH_PATH}
            page={search.page}
            hasOlder={hasMore}
            names={{ nav: 'More results', previous: 'Previous results', next: 'More results' }}
            hrefOf={(page) => searchPath(search.words, page)}
          />
        </>
      )}
    </div>
  )
}
