import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { loadSection } from '@/lib/content/fetch'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const section = await loadSection((await params).slug)
  return { title: section?.title ?? 'Section not found' }
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
