import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { ListingPagination } from '@/components/ListingPagination'
import { loadTag } from '@/lib/content/fetch'
import { feedAlternates } from '@/lib/feeds/formats'
import { siteScope, tagScope } from '@/lib/feeds/scopes'
import { listingTitle, loadListing } from '@/lib/site/listingPages'
import { tagPath } from '@/lib/site/paths'

export { generateStaticParams } from '@/lib/http/onDemandPages'

/** `/tags/<slug>`: a topic's stories, newest first, and `/tags/<slug>/page/<n>` for older ones. */
type Props = { params: Promise<{ slug: string; page?: string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const listing = await loadListing(params, loadTag)
  if (!listing) return { title: 'Topic not found' }
  return {
    title: listingTitle(listing.owner.title ?? '', listing.page),
    alternates: { types: feedAlternates(siteScope, tagScope(listing.owner)) },
  }
}

export default async function TagPage({ params }: Props) {
  const listing = await loadListing(params, loadTag)
  if (!listing) notFound()
  const { owner: tag, stories, page, hasOlder } = listing
  return (
    <div className="listing">
      <p className="kicker">Topic</p>
      <h1>{tag.title}</h1>
      {stories.length > 0 ? (
        <ArticleList articles={stories} label={listingTitle(`Stories about ${tag.title}`, page)} level={2} />
      ) : (
        <p>No stories yet.</p>
      )}
      <ListingPagination base={tagPath(tag.slug)} page={page} hasOlder={hasOlder} />
    </div>
  )
}
