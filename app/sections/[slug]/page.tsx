import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { loadSection } from '@/lib/content/fetch'
import { feedAlternates } from '@/lib/feeds/formats'
import { sectionScope, siteScope } from '@/lib/feeds/scopes'

export { generateStaticParams } from '@/lib/http/onDemandPages'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = await loadSection((await params).slug)
  if (!section) return { title: 'Section not found' }
  return { title: section.title, alternates: { types: feedAlternates(siteScope, sectionScope(section)) } }
}

export default async function SectionPage({ params }: Props) {
  const section = await loadSection((await params).slug)
  if (!section) notFound()
  return (
    <div className="listing">
      <h1>{section.title}</h1>
      {section.description && <p className="standfirst">{section.description}</p>}
      {section.articles.length > 0 ? (
        <ArticleList articles={section.articles} label={`Stories in ${section.title}`} />
      ) : (
        <p>No stories yet.</p>
      )}
    </div>
  )
}
