import type { Metadata } from 'next'
import type { ARTICLE_QUERY_RESULT } from '@/lib/content/sanity.types'
import { presentFigures } from '@/lib/figures/presentTradeFact'
import { PUBLISHER_LOGO } from '@/lib/site/brand'
import { SITE_LANGUAGE, SITE_NAME } from '@/lib/site/identity'
import { absoluteUrl, HOME_PATH, storyPath } from '@/lib/site/paths'
import { type FeedContext, feedImage } from './context'
import { CORRECTION_LABELS, correctionsOf } from './corrections'
import { bylines } from './feed'
import { feedAlternates } from './formats'
import { oembedAlternate } from './oembed'
import { sectionScope, siteScope, tagScope } from './scopes'
import { storyModifiedAt } from './storyDates'
import { storySummary } from './summary'

type Article = NonNullable<ARTICLE_QUERY_RESULT>

/** When the story last changed for readers, as its Updated line says (lib/feeds/storyDates). */
export const articleModifiedAt = (article: Article, now?: Date) => storyModifiedAt({ ...article, figures: presentFigures(article) }, now)

/**
 * A story's metadata: canonical URL, its feeds, and Open Graph and Twitter cards. The card's
 * picture is the generated social image (opengraph-image), which Next adds to both.
 */
export function articleMetadata(article: Article, siteUrl: string): Metadata {
  const url = absoluteUrl(storyPath(article.slug), siteUrl)
  const title = article.headline ?? SITE_NAME
  const description = storySummary(article)
  return {
    title,
    description,
    alternates: {
      canonical: url,
      types: {
        ...feedAlternates(
          siteScope,
          ...(article.section ? [sectionScope(article.section)] : []),
          ...(article.tags ?? []).filter((tag) => tag.slug).map(tagScope),
        ),
        ...oembedAlternate(url, title),
      },
    },
    openGraph: {
      type: 'article',
      url,
      title,
      description,
      siteName: SITE_NAME,
      locale: 'en_US',
      publishedTime: article.publishedAt ?? undefined,
      modifiedTime: articleModifiedAt(article),
      section: article.section?.title ?? undefined,
      authors: bylines(article.authors, siteUrl).map((author) => author.url ?? author.name),
      tags: (article.tags ?? []).flatMap((tag) => tag.title ?? []),
    },
    twitter: { card: 'summary_large_image', title, description },
  }
}

/** schema.org NewsArticle for search engines: who wrote it, when, its photo with caption and credit, and who publishes it. */
export function articleJsonLd(article: Article, context: FeedContext) {
  const url = absoluteUrl(storyPath(article.slug), context.siteUrl)
  const image = feedImage(article.mainImage, context)
  const corrections = correctionsOf(article).map((c) => ({
    '@type': 'CorrectionComment',
    name: CORRECTION_LABELS[c.kind],
    text: c.text,
    datePublished: c.date,
  }))
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    description: storySummary(article),
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    datePublished: article.publishedAt,
    dateModified: articleModifiedAt(article),
    inLanguage: SITE_LANGUAGE,
    articleSection: article.section?.title,
    keywords: (article.tags ?? []).flatMap((tag) => tag.title ?? []),
    author: bylines(article.authors, context.siteUrl).map((author) => ({ '@type': 'Person', name: author.name, url: author.url })),
    image: image && {
      '@type': 'ImageObject',
      url: image.url,
      width: image.width,
      height: image.height,
      caption: image.caption,
      creditText: image.credit,
      description: image.alt || undefined,
    },
    publisher: {
      '@type': 'Organization',
      name: SITE_NAME,
      url: absoluteUrl(HOME_PATH, context.siteUrl),
      logo: {
        '@type': 'ImageObject',
        url: absoluteUrl(PUBLISHER_LOGO.src, context.siteUrl),
        width: PUBLISHER_LOGO.width,
        height: PUBLISHER_LOGO.height,
      },
    },
    ...(corrections.length > 0 ? { correction: corrections } : {}),
  }
}

/** JSON for a <script> element: `<` escaped so no text in the story can close the element. */
export const jsonForScript = (data: unknown) => JSON.stringify(data).replace(/</g, '\\u003c')
