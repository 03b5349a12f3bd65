import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ArticleBody } from '@/components/ArticleBody'
import { Bylines } from '@/components/Bylines'
import { ClaimChecks } from '@/components/ClaimChecks'
import { CopyLinkButton } from '@/components/CopyLinkButton'
import { DataRevisions } from '@/components/DataRevisions'
import { Dateline } from '@/components/Dateline'
import { MoreOnThis } from '@/components/MoreOnThis'
import { NewsArticleJsonLd } from '@/components/NewsArticleJsonLd'
import { PhotoFigure } from '@/components/PhotoFigure'
import { SiteLink } from '@/components/SiteLink'
import { StoryCorrections } from '@/components/StoryCorrections'
import { StoryTags } from '@/components/StoryTags'
import { loadArticle } from '@/lib/content/fetch'
import { articleMetadata } from '@/lib/feeds/articleMetadata'
import { correctionsOf } from '@/lib/feeds/corrections'
import { storyModifiedAt } from '@/lib/feeds/storyDates'
import { presentFigures } from '@/lib/figures/presentTradeFact'
import { siteUrlFromEnv } from '@/lib/site/identity'
import { sectionPath, storyPath } from '@/lib/site/paths'

export { generateStaticParams } from '@/lib/http/onDemandPages'

type Props = { params: Promise<{ slug: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await loadArticle((await params).slug)
  return article ? articleMetadata(article, siteUrlFromEnv()) : { title: 'Story not found' }
}

export default async function ArticlePage({ params }: Props) {
  const article = await loadArticle((await params).slug)
  if (!article) notFound()
  const figures = presentFigures(article)
  return (
    <>
      <article className="article">
        <NewsArticleJsonLd article={article} />
        <header className="article__header">
          {article.section && (
            <p className="kicker">
              <SiteLink href={sectionPath(article.section.slug)}>{article.section.title}</SiteLink>
            </p>
          )}
          <h1>{article.headline}</h1>
          {article.standfirst && <p className="standfirst">{article.standfirst}</p>}
          <Bylines bylines={article.authors} />
          <Dateline publishedAt={article.publishedAt} updatedAt={storyModifiedAt({ ...article, figures })} />
          <CopyLinkButton path={storyPath(article.slug)} />
        </header>
        {article.mainImage?.asset && <PhotoFigure photo={article.mainImage} sizes="(min-width: 45rem) 45rem, 100vw" priority />}
        <ArticleBody article={article} />
        <StoryCorrections corrections={correctionsOf(article)} />
        <DataRevisions figures={figures} publishedAt={article.publishedAt} />
        <ClaimChecks figures={figures} />
        <footer className="article__footer">
          <StoryTags tags={article.tags} />
          <Bylines bylines={article.authors} withEmail />
        </footer>
      </article>
      <MoreOnThis storyId={article._id} relatedTo={article.relatedTo ?? []} />
    </>
  )
}
