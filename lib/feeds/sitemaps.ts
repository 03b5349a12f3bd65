import type { MetadataRoute } from 'next'
import { create } from 'xmlbuilder2'
import type {
  NEWS_SITEMAP_QUERY_RESULT,
  SITEMAP_AUTHORS_QUERY_RESULT,
  SITEMAP_INDEX_QUERY_RESULT,
  SITEMAP_SECTIONS_QUERY_RESULT,
  SITEMAP_SERIES_QUERY_RESULT,
  SITEMAP_STORIES_QUERY_RESULT,
  SITEMAP_TAGS_QUERY_RESULT,
} from '@/lib/content/sanity.types'
import { presentFigures } from '@/lib/figures/presentTradeFact'
import { SITE_LANGUAGE, SITE_NAME } from '@/lib/site/identity'
import {
  API_PATH_PREFIX,
  AUTHORS_PATH,
  absoluteUrl,
  authorPath,
  DATA_PATH,
  HOME_PATH,
  NEWS_SITEMAP_PATH,
  SECTIONS_PATH,
  SITEMAP_INDEX_PATH,
  sectionPath,
  seriesPath,
  sitemapPagePath,
  storyPath,
  tagPath,
} from '@/lib/site/paths'
import { storyModifiedAt } from './storyDates'
import { appendElement as add } from './xmlText'

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

/**
 * `/sitemap.xml` is an index of pages, each listing one kind of page on the site: the home page,
 * index pages and sections, stories (oldest first, so a page keeps its stories as new ones arrive on
 * the last), authors, data pages and topics. A page is one slice of its kind in an indexed order, so serving it
 * costs what it holds, not what the archive holds.
 */
export const SITEMAP_KINDS = ['sections', 'stories', 'authors', 'data', 'tags'] as const
export type SitemapKind = (typeof SITEMAP_KINDS)[number]

/** How many documents of each kind the index is built from. */
export type SitemapCounts = SITEMAP_INDEX_QUERY_RESULT

/**
 * Each kind's document type, its count in the index, and how many documents a page slices: sized
 * so a page's query answers within the lake's 2 ms target (bench/lake-queries.ts), since a section,
 * author or data page carries a look-up of its newest story, and a story its figures with the
 * observations they read (its lastmod moves with a data revision that changed one). Far below the
 * protocol's 50,000 URLs.
 */
export const SITEMAP_PAGES: Record<SitemapKind, { type: string; count: keyof SitemapCounts; size: number }> = {
  sections: { type: 'section', count: 'sections', size: 25 },
  stories: { type: 'article', count: 'stories', size: 25 },
  authors: { type: 'author', count: 'authors', size: 25 },
  data: { type: 'tradeSeries', count: 'series', size: 25 },
  tags: { type: 'tag', count: 'tags', size: 25 },
}

export type SitemapPage = { kind: SitemapKind; page: number }

/** Pages of a kind; the first sections page, which holds the home page, is always there. */
export function pageCount(kind: SitemapKind, counts: SitemapCounts): number {
  const { count, size } = SITEMAP_PAGES[kind]
  const pages = Math.ceil(Math.max(0, counts[count] ?? 0) / size)
  return kind === 'sections' ? Math.max(1, pages) : pages
}

/** The page a file name under `/sitemaps/` names, if it is one the counts have. */
export function sitemapPageOf(file: string, counts: SitemapCounts): SitemapPage | undefined {
  const match = /^([a-z]+)-([1-9]\d{0,8})\.xml$/.exec(file)
  const kind = SITEMAP_KINDS.find((k) => k === match?.[1])
  const page = Number(match?.[2])
  return kind && page <= pageCount(kind, counts) ? { kind, page } : undefined
}

/** The slice of its kind a page lists: `start` inclusive, `end` exclusive. */
export function pageRange({ kind, page }: SitemapPage): { start: number; end: number } {
  const { size } = SITEMAP_PAGES[kind]
  return { start: (page - 1) * size, end: page * size }
}

/** The sitemap index: every page of every kind. */
export function buildSitemapIndex(counts: SitemapCounts, siteUrl: string): string {
  const index = create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, 'sitemapindex')
  for (const kind of SITEMAP_KINDS) {
    for (let page = 1; page <= pageCount(kind, counts); page++) {
      add(index.ele('sitemap'), 'loc', absoluteUrl(sitemapPagePath(kind, page), siteUrl))
    }
  }
  return index.end({ prettyPrint: true })
}

type Dated = { publishedAt: string | null; updatedAt: string | null }
/** A story's date as readers see it: its last update where that is after publication. */
const editorialDate = (story: Dated) =>
  story.updatedAt && story.publishedAt && story.updatedAt > story.publishedAt ? story.updatedAt : story.publishedAt

export type SitemapEntry = { path: string; lastModified?: string }
const entry = (path: string, lastModified: string | null | undefined): SitemapEntry => (lastModified ? { path, lastModified } : { path })
/** A listing's lastmod is its newest story's date; without stories, when the listing itself last changed. */
const listing = (path: string, newest: Dated | null, updatedAt: string) => entry(path, (newest && editorialDate(newest)) || updatedAt)

/** Stories with a web address and a publication date, each dated as its page dates it (lib/feeds/storyDates). */
export function storyEntries(stories: SITEMAP_STORIES_QUERY_RESULT, now?: Date): SitemapEntry[] {
  return stories.flatMap((story) => {
    if (!story.slug || !story.publishedAt) return []
    const figures = presentFigures(story)
    return [entry(storyPath(story.slug), storyModifiedAt({ ...story, figures }, now))]
  })
}

/** The index pages: they change as sections, authors and series come and go, which no date records. */
export const INDEX_PAGES = [SECTIONS_PATH, AUTHORS_PATH, DATA_PATH] as const

/** Sections, after the home page and the index pages on the first page. */
export function sectionEntries(data: SITEMAP_SECTIONS_QUERY_RESULT, page: number): SitemapEntry[] {
  const sections = data.sections.flatMap((s) => (s.slug ? [listing(sectionPath(s.slug), s.newest, s._updatedAt)] : []))
  if (page !== 1) return sections
  return [entry(HOME_PATH, data.home && editorialDate(data.home)), ...INDEX_PAGES.map((path) => entry(path, undefined)), ...sections]
}

export function authorEntries(authors: SITEMAP_AUTHORS_QUERY_RESULT): SitemapEntry[] {
  return authors.flatMap((a) => (a.slug ? [listing(authorPath(a.slug), a.newest, a._updatedAt)] : []))
}

export function tagEntries(tags: SITEMAP_TAGS_QUERY_RESULT): SitemapEntry[] {
  return tags.flatMap((t) => (t.slug ? [listing(tagPath(t.slug), t.newest, t._updatedAt)] : []))
}

/** A data page changes with its data or with a new story citing it: the later of the two. */
export function dataEntries(series: SITEMAP_SERIES_QUERY_RESULT): SitemapEntry[] {
  return series.flatMap((s) => {
    if (!s.slug) return []
    const cited = s.newest && editorialDate(s.newest)
    return [entry(seriesPath(s.slug), cited && cited > s._updatedAt ? cited : s._updatedAt)]
  })
}

/** One sitemap page (a `urlset`), every URL absolute. */
export function buildSitemapPage(entries: SitemapEntry[], siteUrl: string): string {
  const urlset = create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, 'urlset')
  for (const { path, lastModified } of entries) {
    const url = urlset.ele('url')
    add(url, 'loc', absoluteUrl(path, siteUrl))
    if (lastModified) add(url, 'lastmod', lastModified)
  }
  return urlset.end({ prettyPrint: true })
}

/**
 * A Google News sitemap: the last two days' stories, with the publication's name and language.
 * The sitemap schema requires at least one `url`, so when no story is that recent it lists the
 * front page without news metadata (Google's guidance for URLs that are not recent news): valid
 * in every state, so robots.txt can always advertise it.
 */
export function buildNewsSitemap(stories: NEWS_SITEMAP_QUERY_RESULT, siteUrl: string): string {
  const urlset = create({ version: '1.0', encoding: 'UTF-8' }).ele(SITEMAP_NS, 'urlset', {
    'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9',
  })
  const dated = stories.filter((story): story is typeof story & { publishedAt: string } => Boolean(story.publishedAt))
  if (dated.length === 0) add(urlset.ele('url'), 'loc', absoluteUrl(HOME_PATH, siteUrl))
  for (const story of dated) {
    const url = urlset.ele('url')
    add(url, 'loc', absoluteUrl(storyPath(story.slug), siteUrl))
    const news = url.ele('news:news')
    const publication = news.ele('news:publication')
    add(publication, 'news:name', SITE_NAME)
    add(publication, 'news:language', SITE_LANGUAGE)
    add(news, 'news:publication_date', story.publishedAt)
    add(news, 'news:title', story.headline ?? '')
  }
  return urlset.end({ prettyPrint: true })
}

export function robotsFor(siteUrl: string): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: API_PATH_PREFIX },
    sitemap: [absoluteUrl(SITEMAP_INDEX_PATH, siteUrl), absoluteUrl(NEWS_SITEMAP_PATH, siteUrl)],
  }
}
