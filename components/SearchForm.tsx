import { SEARCH_PATH } from '@/lib/site/paths'

/** The site's search box: a plain GET form, so it works without JavaScript. */
export function SearchForm({ query = '', id = 'site-search' }: { query?: string; id?: string }) {
  return (
    <search className="search-form">
      <form action={SEARCH_PATH} method="get">
        <label htmlFor={id}>Search</label>
        <input id={id} name="q" type="search" defaultValue={query} maxLength={200} autoComplete="off" />
        <button type="submit">Search</button>
      </form>
    </search>
  )
}
