import type { Metadata } from 'next'
import { SiteLink } from '@/components/SiteLink'
import { loadAuthorsIndex } from '@/lib/content/fetch'
import { authorPath } from '@/lib/site/paths'

export const metadata: Metadata = {
  title: 'Authors',
  description: 'Everyone who writes for the site.',
}

/** `/authors`: every author, in order of name, with their biography. */
export default async function AuthorsIndexPage() {
  const authors = await loadAuthorsIndex()
  return (
    <div className="listing">
      <h1>Authors</h1>
      <ul className="index-list">
        {authors.map((a) => (
          <li key={a._id}>
            <h2>
              <SiteLink href={authorPath(a.slug)}>{a.name}</SiteLink>
            </h2>
            {a.bio && <p>{a.bio}</p>}
          </li>
        ))}
      </ul>
    </div>
  )
}
