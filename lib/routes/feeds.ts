import 'server-only'
import type { MetadataRoute } from 'next'
import { contentSourceFromEnv } from '@/lib/content/config'
import {
  loadAuthorFeed,
  loadCorrections,
  loadFeedStory,
  loadNewsSitemap,
  loadSectionFeed,
  loadSeries,
  loadSiteFeed,
  loadSitemapIndex,
  loadSitemapPage,
  loadTagFeed,
} from '@/lib/content/fetch'
import { conditionalResponse } from '@/lib/feeds/conditionalGet'
import { feedContext } from '@/lib/feeds/context'
import { buildCorrectionsFeed } from '@/lib/feeds/correctionsFeed'
import { buildFeedModel, type Feed, type FeedArticle, type FeedScope, feedItem } from '@/lib/feeds/feed'
import { FEED_FORMATS } from '@/lib/feeds/formats'
import { lastListingChange } from '@/lib/feeds/listingChanges'
import { buildNinjsFeed, NINJS_CONTENT_TYPE, storyNinjs } from '@/lib/feeds/ninjs'
import { NINJS_EXTENSION_SCHEMA } from '@/lib/feeds/ninjsExtension'
import { embedPathOf, oembedTarget, parseMaxDimension, richEmbed, storyLink } from '@/lib/feeds/oembed'
import { authorScope, correctionsScope, sectionScope, siteScope, tagScope } from '@/lib/feeds/scopes'
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
} from '@/lib/feeds/sitemaps'
import { formatPeriod } from '@/lib/figures/period'
import { orBackShortly } from '@/lib/http/unavailable'
import { siteUrlFromEnv } from '@/lib/site/identity'
import type { FeedFormat } from '@/lib/site/paths'

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

const json = (request: Request, document: unknown, lastModified?: string) =>
  conditionalResponse(request, JSON.stringify(document, null, 2), { contentType: NINJS_CONTENT_TYPE, lastModified })

async function ninjsFeedResponse(request: Request, scope: FeedScope, articles: FeedArticle[]): Promise<Response> {
  const { document, lastModified } = buildNinjsFeed(scope, articles, context(), { lastRemoval: await lastListingChange() })
  return json(request, document, lastModified)
}

/** `/articles/<slug>/ninjs.json`: the story as IPTC ninjs with Factline's extension. */
export const storyNinjsJson = orBackShortly(async (request: Request, { params }: SlugContext) => {
  const article = await loadFeedStory((await params).slug)
  if (!article) return notFound('No such story')
  const ninjs = storyNinjs(article, context())
  return json(request, ninjs, ninjs.versionCreated)
})

export const siteNinjs = orBackShortly(async (request: Request) => ninjsFeedResponse(request, siteScope, await loadSiteFeed()))
export const sectionNinjs = orBackShortly(async (request: Request, { params }: SlugContext) => {
  const found = await loadSectionFeed((await params).slug)
  return found ? ninjsFeedResponse(request, sectionScope(found.section), found.articles) : noSuchFeed()
})
export const authorNinjs = orBackShortly(async (request: Request, { params }: SlugContext) => {
  const found = await loadAuthorFeed((await params).slug)
  return found ? ninjsFeedResponse(request, authorScope(found.author), found.articles) : noSuchFeed()
})
export const tagNinjs = orBackShortly(async (request: Request, { params }: SlugContext) => {
  const found = await loadTagFeed((await params).slug)
  return found ? ninjsFeedResponse(request, tagScope(found.tag), found.articles) : noSuchFeed()
})

/** The extension schema that every story's ninjs names as its standard. */
export const ninjsExtensionSchema = (request: Request) => json(request, NINJS_EXTENSION_SCHEMA)

const plain = (status: number, text: string) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/** An oEmbed answer any page may read (consumers call from browsers too), with validators like a feed. */
function oembedJson(request: Request, body: unknown): Response {
  const response = json(request, body)
  response.headers.set('access-control-allow-origin', '*')
  return response
}

/**
 * `/api/oembed`: oEmbed 1.0 in JSON for a data page (its chart), one of its periods (the figure)
 * or a story (a link card). As the spec says: 501 for any format but JSON, 404 for a URL with
 * nothing to embed; 400 for a request that names no URL or an unusable maxwidth or maxheight.
 */
export const oembed = orBackShortly(async (request: Request) => {
  const params = new URL(request.url).searchParams
  const format = params.get('format')
  if (format && format !== 'json') return plain(501, 'Only format=json is served')
  const url = params.get('url')
  if (!url) return plain(400, 'Give the address of a data page, chart, figure or story as url=')
  const maxwidth = parseMaxDimension(params.get('maxwidth'))
  const maxheight = parseMaxDimension(params.get('maxheight'))
  if (maxwidth === 'invalid' || maxheight === 'invalid') return plain(400, 'maxwidth and maxheight are whole numbers of pixels')
  const siteUrl = siteUrlFromEnv()
  const target = oembedTarget(url, siteUrl)
  if (!target) return notFound('Nothing to embed at that address')
  if (target.kind === 'story') {
    const article = await loadFeedStory(target.slug)
    return article ? oembedJson(request, storyLink(feedItem(article, context()), siteUrl)) : notFound('No such story')
  }
  const series = await loadSeries(target.series)
  if (!series?.slug || !series.title) return notFound('No such data series')
  if (target.kind === 'figure' && !series.observations?.some((o) => o.period === target.period)) return notFound('No such period')
  const title = target.kind === 'figure' ? `${series.title}, ${formatPeriod(target.period)}` : series.title
  const path = embedPathOf({ ...target, series: series.slug })
  return oembedJson(request, richEmbed(target.kind, path, title, siteUrl, { maxwidth, maxheight }))
})

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
