import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { ListingPagination } from '@/components/ListingPagination'
import { loadSection } from '@/lib/content/fetch'
import { feedAlternates } from '@/lib/feeds/formats'
import { sectionScope, siteScope } from '@/lib/feeds/scopes'
import { listingTitle, loadListing } from '@/lib/site/listingPages'
import { sectionPath } from '@/lib/site/paths'

export { generateStaticParams } from '@/lib/http/onDemandPages'

/** `/sections/<slug>`, and `/sections/<slug>/page/<n>` for older stories. */
type Props = { params: Promise<{ slug: string; page?: string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const listing = await loadListing(params, loadSection)
  if (!listing) return { title: 'Section not found' }
  return {
    title: listingTitle(listing.owner.title ?? '', listing.page),
    alternates: { types: feedAlternates(siteScope, sectionScope(listing.owner)) },
  }
}

export default async function SectionPage({ params }: Props) {
  const listing = await loadListing(params, loadSection)
  if (!listing) notFound()
  const { owner: section, stories, page, hasOlder } = listing
  return (
    <div className="listing">
      <h1>{section.title}</h1>
      {section.description && <p className="standfirst">{section.description}</p>}
      {stories.length > 0 ? (
        <ArticleList articles={stories} label={listingTitle(`Stories in ${section.title}`, page)} level={2} />
      ) : (
        <p>No stories yet.</p>
      )}
      <ListingPagination base={sectionPath(section.slug)} page={page} hasOlder={hasOlder} />
    </div>
  )
}
