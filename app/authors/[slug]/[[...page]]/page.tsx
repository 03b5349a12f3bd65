import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { ListingPagination } from '@/components/ListingPagination'
import { SanityImage } from '@/components/SanityImage'
import { loadAuthor } from '@/lib/content/fetch'
import { listingPage, pageNumberOf } from '@/lib/content/listingPages'
import { feedAlternates } from '@/lib/feeds/formats'
import { authorScope, siteScope } from '@/lib/feeds/scopes'

export { generateStaticParams } from '@/lib/http/onDemandPages'

/** `/authors/<slug>`, and `/authors/<slug>/page/<n>` for older stories. */
type Props = { params: Promise<{ slug: string; page?: string[] }> }

async function load({ params }: Props) {
  const { slug, page: segments } = await params
  const page = pageNumberOf(segments)
  const author = page === undefined ? null : await loadAuthor(slug, page)
  return author && page !== undefined ? { author, ...listingPage(author.articles, page) } : undefined
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const found = await load(props)
  if (!found) return { title: 'Author not found' }
  const { author, page } = found
  return {
    title: page === 1 ? author.name : `${author.name}, page ${page}`,
    alternates: { types: feedAlternates(siteScope, authorScope(author)) },
  }
}

export default async function AuthorPage(props: Props) {
  const found = await load(props)
  // A page past the last has no stories: it does not exist.
  if (!found || (found.page > 1 && found.stories.length === 0)) notFound()
  const { author, stories, page, hasOlder } = found
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
      <h2>{page === 1 ? `Stories by ${author.name}` : `Stories by ${author.name}, page ${page}`}</h2>
      {stories.length > 0 ? <ArticleList articles={stories} /> : <p>No stories yet.</p>}
      <ListingPagination base={`/authors/${author.slug}`} page={page} hasOlder={hasOlder} />
    </div>
  )
}
