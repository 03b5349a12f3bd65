import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleList } from '@/components/ArticleCard'
import { SanityImage } from '@/components/SanityImage'
import { loadAuthor } from '@/lib/content/fetch'
import { feedAlternates } from '@/lib/feeds/formats'
import { authorScope, siteScope } from '@/lib/feeds/scopes'

export { generateStaticParams } from '@/lib/http/onDemandPages'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const author = await loadAuthor((await params).slug)
  if (!author) return { title: 'Author not found' }
  return { title: author.name, alternates: { types: feedAlternates(siteScope, authorScope(author)) } }
}

export default async function AuthorPage({ params }: Props) {
  const author = await loadAuthor((await params).slug)
  if (!author) notFound()
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
      <h2>Stories by {author.name}</h2>
      {author.articles.length > 0 ? <ArticleList articles={author.articles} /> : <p>No stories yet.</p>}
    </div>
  )
}
