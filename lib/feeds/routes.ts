import 'server-only'
import type { MetadataRoute } from 'next'
import { contentSourceFromEnv } from '@/lib/content/config'
import {
  loadAuthorFeed,
  loadCorrections,
  loadNewsSitemap,
  loadSectionFeed,
  loadSiteFeed,
  loadSitemapIndex,
  loadSitemapPage,
  loadTagFeed,
} from '@/lib/content/fetch'
import { orBackShortly } from '@/lib/http/unavailable'
import { conditionalResponse } from './conditionalGet'
import { feedContext } from './context'
import { buildCorrectionsFeed } from './correctionsFeed'
import { buildFeedModel, type Feed, type FeedArticle, type FeedFormat, type FeedScope } from './feed'
import { FEED_FORMATS } from './formats'
import { lastListingChange } from './listingChanges'
import { authorScope, correctionsScope, sectionScope, siteScope, tagScope } from './scopes'
import { siteUrlFromEnv } from './site'
import {
  authorEntries,
  buildNewsSitemap,
  buildSitemapIndex,
  buildSitemapPage,
  dataEntries,
  pageRange,
  robotsFor,
  type SitemapEntry,
  type SitemapPage,
  sectionEntries,
  sitemapPageOf,
  storyEntries,
  tagEntries,
} from './sitemaps'

type SlugContext = { params: Promise<{ slug: string }> }

const notFound = (what: string) => new Response(what, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })
const noSuchFeed = () => notFound('No such feed')

const context = () => feedContext(contentSourceFromEnv(), siteUrlFromEnv())

function respond(request: Request, format: FeedFormat, feed: Feed): Response {
  const { contentType, build } = FEED_FORMATS[format]
  return conditionalResponse(request, build(feed), { contentType, lastModified: feed.lastModified })
}

async function feedResponse(request: Request, format: FeedFormat, scope: FeedScope, articles: FeedArticle[]): Promise<Response> {
  return respond(request, format, buildFeedModel(scope, articles, context(), { lastRemoval: await lastListingChange() }))
}

const siteFeed = (format: FeedFormat) =>
  orBackShortly(async (request: Request) => feedResponse(request, format, siteScope, await loadSiteFeed()))

const sectionFeed = (format: FeedFormat) =>
  orBackShortly(async (request: Request, { params }: SlugContext) => {
    const found = await loadSectionFeed((await params).slug)
    return found ? feedResponse(request, format, sectionScope(found.section), found.articles) : noSuchFeed()
  })

const authorFeed = (format: FeedFormat) =>
  orBackShortly(async (request: Request, { params }: SlugContext) => {
    const found = await loadAuthorFeed((await params).slug)
    return found ? feedResponse(request, format, authorScope(found.author), found.articles) : noSuchFeed()
  })

const tagFeed = (format: FeedFormat) =>
  orBackShortly(async (request: Request, { params }: SlugContext) => {
    const found = await loadTagFeed((await params).slug)
    return found ? feedResponse(request, format, tagScope(found.tag), found.articles) : noSuchFeed()
  })

const correctionsFeed = (format: FeedFormat) =>
  orBackShortly(async (request: Request) =>
    respond(
      request,
      format,
      buildCorrectionsFeed(correctionsScope, await loadCorrections(), context(), { lastRemoval: await lastListingChange() }),
    ),
  )

export const siteRss = siteFeed('rss')
export const siteAtom = siteFeed('atom')
export const siteJsonFeed = siteFeed('json')
export const sectionRss = sectionFeed('rss')
export const sectionAtom = sectionFeed('atom')
export const sectionJsonFeed = sectionFeed('json')
export const authorRss = authorFeed('rss')
export const authorAtom = authorFeed('atom')
export const authorJsonFeed = authorFeed('json')
export const tagRss = tagFeed('rss')
export const tagAtom = tagFeed('atom')
export const tagJsonFeed = tagFeed('json')
export const correctionsRss = correctionsFeed('rss')
export const correctionsAtom = correctionsFeed('atom')
export const correctionsJsonFeed = correctionsFeed('json')

/** No Last-Modified: the sitemap changes as stories age out of its two-day window, not only on edits. */
export const newsSitemap = orBackShortly(async (request: Request) =>
  conditionalResponse(request, buildNewsSitemap(await loadNewsSitemap(), siteUrlFromEnv()), { contentType: 'application/xml' }),
)

/** `/sitemap.xml`: the index of the sitemap's pages. */
export const sitemapIndex = orBackShortly(async (request: Request) =>
  conditionalResponse(request, buildSitemapIndex(await loadSitemapIndex(), siteUrlFromEnv()), { contentType: 'application/xml' }),
)

async function sitemapEntriesOf(sitemap: SitemapPage): Promise<SitemapEntry[]> {
  const { start, end } = pageRange(sitemap)
  switch (sitemap.kind) {
    case 'sections':
      return sectionEntries(await loadSitemapPage.sections(start, end), sitemap.page)
    case 'stories':
      return storyEntries(await loadSitemapPage.stories(start, end))
    case 'authors':
      return authorEntries(await loadSitemapPage.authors(start, end))
    case 'data':
      return dataEntries(await loadSitemapPage.data(start, end))
    case 'tags':
      return tagEntries(await loadSitemapPage.tags(start, end))
  }
}

/** `/sitemaps/<kind>-<n>.xml`: one page the index lists; any other name is not found. */
export const sitemapPage = orBackShortly(async (request: Request, { params }: { params: Promise<{ file: string }> }) => {
  const sitemap = sitemapPageOf((await params).file, await loadSitemapIndex())
  if (!sitemap) return notFound('No such sitemap')
  const xml = buildSitemapPage(await sitemapEntriesOf(sitemap), siteUrlFromEnv())
  return conditionalResponse(request, xml, { contentType: 'application/xml' })
})

export function robots(): MetadataRoute.Robots {
  return robotsFor(siteUrlFromEnv())
}
