import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { ListingPagination } from '@/components/ListingPagination'
import { loadSection } from '@/lib/content/fetch'
import { listingPage, pageNumberOf } from '@/lib/content/listingPages'
import { feedAlternates } from '@/lib/feeds/formats'
import { sectionScope, siteScope } from '@/lib/feeds/scopes'

export { generateStaticParams } from '@/lib/http/onDemandPages'

/** `/sections/<slug>`, and `/sections/<slug>/page/<n>` for older stories. */
type Props = { params: Promise<{ slug: string; page?: string[] }> }

async function load({ params }: Props) {
  const { slug, page: segments } = await params
  const page = pageNumberOf(segments)
  const section = page === undefined ? null : await loadSection(slug, page)
  return section && page !== undefined ? { section, ...listingPage(section.articles, page) } : undefined
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const found = await load(props)
  if (!found) return { title: 'Section not found' }
  const { section, page } = found
  return {
    title: page === 1 ? section.title : `${section.title}, page ${page}`,
    alternates: { types: feedAlternates(siteScope, sectionScope(section)) },
  }
}

export default async function SectionPage(props: Props) {
  const found = await load(props)
  // A page past the last has no stories: it does not exist.
  if (!found || (found.page > 1 && found.stories.length === 0)) notFound()
  const { section, stories, page, hasOlder } = found
  return (
    <div className="listing">
      <h1>{section.title}</h1>
      {section.description && <p className="standfirst">{section.description}</p>}
      {stories.length > 0 ? (
        <ArticleList articles={stories} label={page === 1 ? `Stories in ${section.title}` : `Stories in ${section.title}, page ${page}`} />
      ) : (
        <p>No stories yet.</p>
      )}
      <ListingPagination base={`/sections/${section.slug}`} page={page} hasOlder={hasOlder} />
    </div>
  )
}
