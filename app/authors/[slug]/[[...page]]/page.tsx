import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { ListingPagination } from '@/components/ListingPagination'
import { SanityImage } from '@/components/SanityImage'
import { loadAuthor } from '@/lib/content/fetch'
import { feedAlternates } from '@/lib/feeds/formats'
import { authorScope, siteScope } from '@/lib/feeds/scopes'
import { listingTitle, loadListing } from '@/lib/site/listingPages'
import { authorPath } from '@/lib/site/paths'

export { generateStaticParams } from '@/lib/http/onDemandPages'

/** `/authors/<slug>`, and `/authors/<slug>/page/<n>` for older stories. */
type Props = { params: Promise<{ slug: string; page?: string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const listing = await loadListing(params, loadAuthor)
  if (!listing) return { title: 'Author not found' }
  return {
    title: listingTitle(listing.owner.name ?? '', listing.page),
    alternates: { types: feedAlternates(siteScope, authorScope(listing.owner)) },
  }
}

export default async function AuthorPage({ params }: Props) {
  const listing = await loadListing(params, loadAuthor)
  if (!listing) notFound()
  const { owner: author, stories, page, hasOlder } = listing
  return (
    <div className="listing author">
      <header className="author__header">
        {author.photo?.asset && <SanityImage image={author.photo} sizes="8rem" />}
        <div>
          <h1>{author.name}</h1>
          {author.email && (
            <p>
              <a href={`mailto:${author.email}`}>{author.email}</a>
            </p>
          )}
          {author.bio && <p>{author.bio}</p>}
        </div>
      </header>
      <h2>{listingTitle(`Stories by ${author.name}`, page)}</h2>
      {stories.length > 0 ? <ArticleList articles={stories} /> : <p>No stories yet.</p>}
      <ListingPagination base={authorPath(author.slug)} page={page} hasOlder={hasOlder} />
    </div>
  )
}
