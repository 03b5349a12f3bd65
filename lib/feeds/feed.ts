import type { SITE_FEED_QUERY_RESULT } from '@/lib/content/sanity.types'
import { type FigurePresentation, presentTradeFact, tradeFactsIn } from '@/lib/figures/presentTradeFact'
import { bodyHtml, photoHtml } from './bodyHtml'
import { type FeedContext, type FeedImage, feedImage } from './context'
import { absoluteUrl, SITE_LANGUAGE } from './site'
import { storySummary } from './summary'
import { xmlSafe } from './xmlText'

export type FeedArticle = SITE_FEED_QUERY_RESULT[number]

export type FeedFormat = 'rss' | 'atom' | 'json'

export const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' }

/** What a feed is about (the whole site, a section, an author): its page, and the path its feeds sit under. */
export type FeedScope = { title: string; description: string; pagePath: string; feedBase: string }

export const feedPath = (scope: Pick<FeedScope, 'feedBase'>, format: FeedFormat) => `${scope.feedBase}/${FEED_FILES[format]}`

export type FeedItem = {
  url: string
  title: string
  summary?: string
  contentHtml: string
  publishedAt: string
  /** The editors' last update, as readers see it. */
  updatedAt: string
  authors: { name: string; url?: string }[]
  categories: string[]
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

/** When a story, or any series its figures and charts read, last changed. */
function lastChanged(article: FeedArticle): string {
  const series = (article.body ?? []).flatMap((block) => {
    if (block._type === 'dataChart') return [block.series]
    if (block._type === 'block') return (block.children ?? []).flatMap((child) => (child._type === 'tradeFact' ? [child.series] : []))
    return []
  })
  return newest([article._updatedAt, article.publishedAt, article.updatedAt, ...series.map((s) => s?._updatedAt)])
}

type Byline = { author: { name: string | null; slug: string | null } | null }

/** The named authors of a story, each with the absolute URL of their page. */
export function bylines(authors: Byline[] | null, siteUrl: string): Array<{ name: string; url?: string }> {
  return (authors ?? []).flatMap(({ author }) =>
    author?.name ? [{ name: author.name, url: author.slug ? absoluteUrl(`/authors/${author.slug}`, siteUrl) : undefined }] : [],
  )
}

const withAbsoluteHref = (figure: FigurePresentation, siteUrl: string): FigurePresentation =>
  figure.resolved ? { ...figure, href: absoluteUrl(figure.href, siteUrl) } : figure

export function feedItem(article: FeedArticle, context: FeedContext): FeedItem {
  const url = absoluteUrl(`/articles/${article.slug}`, context.siteUrl)
  const publishedAt = article.publishedAt ?? article._updatedAt
  const image = feedImage(article.mainImage, context)
  return {
    url,
    title: clean(article.headline),
    summary: clean(storySummary(article)) || undefined,
    // The lead photo opens the story, as on the page, so readers that show only content_html keep caption and credit.
    contentHtml: xmlSafe(photoHtml(article.mainImage, context) + bodyHtml({ body: article.body, publishedAt, url }, context)),
    publishedAt,
    updatedAt: article.updatedAt && article.updatedAt > publishedAt ? article.updatedAt : publishedAt,
    authors: bylines(article.authors, context.siteUrl).map((author) => ({ ...author, name: clean(author.name) })),
    categories: [article.section?.title, ...(article.tags ?? []).map((tag) => tag.title)].map(clean).filter(Boolean),
    image: image && {
      ...image,
      alt: clean(image.alt),
      caption: clean(image.caption) || undefined,
      credit: clean(image.credit) || undefined,
    },
    figures: tradeFactsIn(article.body).map((fact) => withAbsoluteHref(presentTradeFact(fact, publishedAt), context.siteUrl)),
  }
}

export function buildFeedModel(scope: FeedScope, articles: FeedArticle[], context: FeedContext): Feed {
  const items = articles.map((article) => feedItem(article, context))
  return {
    title: clean(scope.title),
    description: clean(scope.description),
    language: SITE_LANGUAGE,
    pageUrl: absoluteUrl(scope.pagePath, context.siteUrl),
    feedUrls: {
      rss: absoluteUrl(feedPath(scope, 'rss'), context.siteUrl),
      atom: absoluteUrl(feedPath(scope, 'atom'), context.siteUrl),
      json: absoluteUrl(feedPath(scope, 'json'), context.siteUrl),
    },
    updatedAt: newest(items.map((item) => item.updatedAt)),
    lastModified: newest(articles.map(lastChanged)),
    items,
  }
}
