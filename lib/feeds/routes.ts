import 'server-only'
import type { MetadataRoute } from 'next'
import { contentSourceFromEnv } from '@/lib/content/config'
import { loadAuthorFeed, loadNewsSitemap, loadSectionFeed, loadSiteFeed, loadSitemap } from '@/lib/content/fetch'
import { conditionalResponse } from './conditionalGet'
import { feedContext } from './context'
import { buildFeedModel, type FeedArticle, type FeedFormat, type FeedScope } from './feed'
import { FEED_FORMATS } from './formats'
import { authorScope, sectionScope, siteScope } from './scopes'
import { siteUrlFromEnv } from './site'
import { buildNewsSitemap, robotsFor, sitemapEntries } from './sitemaps'

type SlugContext = { params: Promise<{ slug: string }> }

const noSuchFeed = () => new Response('No such feed', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })

function feedResponse(request: Request, format: FeedFormat, scope: FeedScope, articles: FeedArticle[]): Response {
  const feed = buildFeedModel(scope, articles, feedContext(contentSourceFromEnv(), siteUrlFromEnv()))
  const { contentType, build } = FEED_FORMATS[format]
  return conditionalResponse(request, build(feed), { contentType, lastModified: feed.lastModified })
}

const siteFeed = (format: FeedFormat) => async (request: Request) => feedResponse(request, format, siteScope, await loadSiteFeed())

const sectionFeed =
  (format: FeedFormat) =>
  async (request: Request, { params }: SlugContext) => {
    const found = await loadSectionFeed((await params).slug)
    return found ? feedResponse(request, format, sectionScope(found.section), found.articles) : noSuchFeed()
  }

const authorFeed =
  (format: FeedFormat) =>
  async (request: Request, { params }: SlugContext) => {
    const found = await loadAuthorFeed((await params).slug)
    return found ? feedResponse(request, format, authorScope(found.author), found.articles) : noSuchFeed()
  }

export const siteRss = siteFeed('rss')
export const siteAtom = siteFeed('atom')
export const siteJsonFeed = siteFeed('json')
export const sectionRss = sectionFeed('rss')
export const sectionAtom = sectionFeed('atom')
export const sectionJsonFeed = sectionFeed('json')
export const authorRss = authorFeed('rss')
export const authorAtom = authorFeed('atom')
export const authorJsonFeed = authorFeed('json')

/** No Last-Modified: the sitemap changes as stories age out of its two-day window, not only on edits. */
export async function newsSitemap(request: Request): Promise<Response> {
  return conditionalResponse(request, buildNewsSitemap(await loadNewsSitemap(), siteUrlFromEnv()), { contentType: 'application/xml' })
}

export async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return sitemapEntries(await loadSitemap(), siteUrlFromEnv())
}

export function robots(): MetadataRoute.Robots {
  return robotsFor(siteUrlFromEnv())
}
