import type { MetadataRoute } from 'next'
import { create } from 'xmlbuilder2'
import type { NEWS_SITEMAP_QUERY_RESULT, SITEMAP_QUERY_RESULT } from '@/lib/content/sanity.types'
import { absoluteUrl, SITE_LANGUAGE, SITE_NAME } from './site'
import { appendElement as add } from './xmlText'

const editorialDate = (story: { publishedAt: string | null; updatedAt: string | null }) =>
  story.updatedAt && story.publishedAt && story.updatedAt > story.publishedAt ? story.updatedAt : story.publishedAt

/**
 * Every page a search engine should know: stories, sections, authors and data pages. A listing
 * page changes when a story appears on it, so its lastmod is its newest story's date.
 */
export function sitemapEntries(data: SITEMAP_QUERY_RESULT, siteUrl: string): MetadataRoute.Sitemap {
  const newestStory = new Map<string, string>()
  const seen = (path: string, date: string | null) => {
    if (date && date > (newestStory.get(path) ?? '')) newestStory.set(path, date)
  }
  for (const story of data.articles) {
    const date = editorialDate(story)
    seen('/', date)
    seen(`/sections/${story.section}`, date)
    for (const author of story.authors ?? []) seen(`/authors/${author}`, date)
  }
  const entry = (path: string, lastModified: string | null | undefined): MetadataRoute.Sitemap[number] => ({
    url: absoluteUrl(path, siteUrl),
    ...(lastModified ? { lastModified } : {}),
  })
  const listing = (path: string, fallback: string) => entry(path, newestStory.get(path) ?? fallback)
  return [
    entry('/', newestStory.get('/')),
    ...data.articles.map((story) => entry(`/articles/${story.slug}`, editorialDate(story))),
    ...data.sections.map((section) => listing(`/sections/${section.slug}`, section._updatedAt)),
    ...data.authors.map((author) => listing(`/authors/${author.slug}`, author._updatedAt)),
    ...data.series.map((series) => entry(`/data/${series.slug}`, series._updatedAt)),
  ]
}

/** A Google News sitemap: the last two days' stories, with the publication's name and language. */
export function buildNewsSitemap(stories: NEWS_SITEMAP_QUERY_RESULT, siteUrl: string): string {
  const urlset = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://www.sitemaps.org/schemas/sitemap/0.9', 'urlset', {
    'xmlns:news': 'http://www.google.com/schemas/sitemap-news/0.9',
  })
  for (const story of stories) {
    if (!story.publishedAt) continue
    const url = urlset.ele('url')
    add(url, 'loc', absoluteUrl(`/articles/${story.slug}`, siteUrl))
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
    rules: { userAgent: '*', allow: '/', disallow: '/api/' },
    sitemap: [absoluteUrl('/sitemap.xml', siteUrl), absoluteUrl('/news-sitemap.xml', siteUrl)],
  }
}
