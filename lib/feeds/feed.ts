import type { SITE_FEED_QUERY_RESULT } from '@/lib/content/sanity.types'
import { type FigurePresentation, presentFigures, tradeFactsIn } from '@/lib/figures/presentTradeFact'
import { SITE_LANGUAGE } from '@/lib/site/identity'
import { absoluteUrl, authorPath, type FeedFormat, feedPath, sectionPath, storyPath } from '@/lib/site/paths'
import { bodyHtml, correctionsHtml, photoHtml } from './bodyHtml'
import { type FeedContext, type FeedImage, feedImage } from './context'
import { type Correction, correctionsOf } from './corrections'
import { feedLastModified, storyModifiedAt } from './storyDates'
import { storySummary } from './summary'
import { xmlSafe } from './xmlText'

export type FeedArticle = SITE_FEED_QUERY_RESULT[number]

/**
 * What a feed is about (the whole site, a section, an author): its page, the path its feeds sit
 * under, and when the section or author it describes last changed.
 */
export type FeedScope = { title: string; description: string; pagePath: string; feedBase: string; changedAt?: string }

export type FeedItem = {
  url: string
  title: string
  summary?: string
  contentHtml: string
  publishedAt: string
  /** When the story last changed for readers: an update, a correction, a data revision (lib/feeds/storyDates). */
  updatedAt: string
  /** Corrections and clarifications, newest first. */
  corrections: Correction[]
  authors: { name: string; url?: string }[]
  categories: string[]
  section?: { name: string; url: string }
  tags: Array<{ name: string; slug: string }>
  image?: FeedImage
  /** Each figure as the page presents it, with its data page URL made absolute. */
  figures: FigurePresentation[]
}

/** A feed in one model that the RSS, Atom and JSON Feed builders all read, so they say the same thing. */
export type Feed = {
  title: string
  description: string
  language: string
  pageUrl: string
  feedUrls: Record<FeedFormat, string>
  /** Newest editorial date of any item; what the feed says was its last update. */
  updatedAt: string
  /** Newest change to any story or to the data its figures read: the feed's HTTP Last-Modified. */
  lastModified: string
  items: FeedItem[]
}

const clean = (text: string | null | undefined) => xmlSafe(text ?? '').trim()
const newest = (dates: Array<string | null | undefined>) =>
  dates.reduce<string>((latest, date) => (date && Date.parse(date) > Date.parse(latest) ? date : latest), new Date(0).toISOString())

/** Every date at which a story, or anything it reads (series, section, authors, tags), last changed. */
function changesOf(article: FeedArticle): Array<string | null | undefined> {
  const series = [
    ...(article.body ?? []).flatMap((block) => (block._type === 'dataChart' ? [block.series] : [])),
    ...tradeFactsIn(article.body).map((fact) => fact.series),
  ]
  return [
    article._updatedAt,
    article.publishedAt,
    article.updatedAt,
    article.section?._updatedAt,
    ...(article.authors ?? []).map((byline) => byline.author?._updatedAt),
    ...(article.tags ?? []).map((tag) => tag._updatedAt),
    ...series.map((s) => s?._updatedAt),
  ]
}

type Byline = { author: { name: string | null; slug: string | null } | null }

/** The named authors of a story, each with the absolute URL of their page. */
export function bylines(authors: Byline[] | null, siteUrl: string): Array<{ name: string; url?: string }> {
  return (authors ?? []).flatMap(({ author }) =>
    author?.name ? [{ name: author.name, url: author.slug ? absoluteUrl(authorPath(author.slug), siteUrl) : undefined }] : [],
  )
}

const withAbsoluteHref = (figure: FigurePresentation, siteUrl: string): FigurePresentation =>
  figure.resolved ? { ...figure, href: absoluteUrl(figure.href, siteUrl) } : figure

export function feedItem(article: FeedArticle, context: FeedContext, now?: Date): FeedItem {
  const url = absoluteUrl(storyPath(article.slug), context.siteUrl)
  const publishedAt = article.publishedAt ?? article._updatedAt
  const image = feedImage(article.mainImage, context)
  const figures = presentFigures({ body: article.body, publishedAt })
  const corrections = correctionsOf(article).map((c) => ({ ...c, text: clean(c.text) }))
  return {
    url,
    title: clean(article.headline),
    summary: clean(storySummary(article)) || undefined,
    // The lead photo opens the story, as on the page, so readers that show only content_html keep caption and credit.
    contentHtml: xmlSafe(
      photoHtml(article.mainImage, context) + bodyHtml({ body: article.body, publishedAt, url }, context) + correctionsHtml(corrections),
    ),
    publishedAt,
    updatedAt: storyModifiedAt({ publishedAt, updatedAt: article.updatedAt, corrections, figures }, now) ?? publishedAt,
    corrections,
    authors: bylines(article.authors, context.siteUrl).map((author) => ({ ...author, name: clean(author.name) })),
    categories: [article.section?.title, ...(article.tags ?? []).map((tag) => tag.title)].map(clean).filter(Boolean),
    section:
      article.section?.title && article.section.slug
        ? { name: clean(article.section.title), url: absoluteUrl(sectionPath(article.section.slug), context.siteUrl) }
        : undefined,
    tags: (article.tags ?? []).flatMap((tag) => (tag.title && tag.slug ? [{ name: clean(tag.title), slug: tag.slug }] : [])),
    image: image && {
      ...image,
      alt: clean(image.alt),
      caption: clean(image.caption) || undefined,
      credit: clean(image.credit) || undefined,
    },
    figures: figures.map((figure) => withAbsoluteHref(figure, context.siteUrl)),
  }
}

/** What every feed of a scope says of itself: title, description, language, its page and its own URLs. */
export function feedHead(
  scope: FeedScope,
  context: FeedContext,
): Pick<Feed, 'title' | 'description' | 'language' | 'pageUrl' | 'feedUrls'> {
  return {
    title: clean(scope.title),
    description: clean(scope.description),
    language: SITE_LANGUAGE,
    pageUrl: absoluteUrl(scope.pagePath, context.siteUrl),
    feedUrls: {
      rss: absoluteUrl(feedPath(scope.feedBase, 'rss'), context.siteUrl),
      atom: absoluteUrl(feedPath(scope.feedBase, 'atom'), context.siteUrl),
      json: absoluteUrl(feedPath(scope.feedBase, 'json'), context.siteUrl),
    },
  }
}

/**
 * The feed of a scope's stories. `lastRemoval` is when a story last left the site
 * (lib/feeds/removals), which keeps Last-Modified from going backwards; `now` bounds every date.
 */
export function buildFeedModel(
  scope: FeedScope,
  articles: FeedArticle[],
  context: FeedContext,
  { lastRemoval, now = new Date() }: { lastRemoval?: string | null; now?: Date } = {},
): Feed {
  const items = articles.map((article) => feedItem(article, context, now))
  return {
    ...feedHead(scope, context),
    updatedAt: newest(items.map((item) => item.updatedAt)),
    lastModified: feedLastModified([scope.changedAt, ...articles.flatMap(changesOf)], lastRemoval, now),
    items,
  }
}
