import { map } from 'rxjs'
import type { DocumentLocation, DocumentLocationResolver, DocumentResolver } from 'sanity/presentation'
import { API_VERSION } from '../lib/content/config'
import { authorPath, feedPath, HOME_PATH, listingPagePath, SITE_FEEDS_BASE, sectionPath, seriesPath, storyPath } from '../lib/site/paths'

type Named = { title: string | null; slug: string | null }
type StoryPlaces = { headline: string | null; slug: string | null; section: Named | null }
type SeriesPlaces = { title: string | null; slug: string | null; citedBy: { headline: string | null; slug: string | null }[] }

const PLACES = {
  article: `*[_id == $id][0]{ headline, "slug": slug.current, "section": section->{ title, "slug": slug.current } }`,
  tradeSeries: `*[_id == $id][0]{ title, "slug": slug.current,
    "citedBy": *[_type == "article" && references(^._id) && defined(slug.current)] | order(publishedAt desc)[0...20]{ headline, "slug": slug.current } }`,
} as const

/** Where a story appears on the site: its page, the home page, its section's page, and the feeds that carry it. */
export function storyLocations(story: StoryPlaces): DocumentLocation[] {
  if (!story.slug) return []
  const section = story.section?.slug ? story.section : undefined
  return [
    { title: story.headline || 'Untitled story', href: storyPath(story.slug) },
    { title: 'Home page', href: HOME_PATH },
    ...(section ? [{ title: `Section: ${section.title ?? section.slug}`, href: sectionPath(section.slug) }] : []),
    { title: 'Site feed (RSS)', href: feedPath(SITE_FEEDS_BASE, 'rss') },
    ...(section
      ? [{ title: `Section feed: ${section.title ?? section.slug} (RSS)`, href: feedPath(sectionPath(section.slug), 'rss') }]
      : []),
  ]
}

/** Where a series appears: its data page, and every story citing it. */
export function seriesLocations(series: SeriesPlaces): DocumentLocation[] {
  if (!series.slug) return []
  return [
    { title: `Data: ${series.title ?? series.slug}`, href: seriesPath(series.slug) },
    ...series.citedBy.flatMap((story) =>
      story.slug ? [{ title: `Cited in: ${story.headline ?? story.slug}`, href: storyPath(story.slug) }] : [],
    ),
  ]
}

/**
 * The Presentation tool's "Used on N pages" for the open document, kept live as the draft and the
 * stories citing a series change.
 */
export const locations: DocumentLocationResolver = ({ id, type, perspectiveStack }, { documentStore }) => {
  if (type !== 'article' && type !== 'tradeSeries') return null
  return documentStore.listenQuery(PLACES[type], { id }, { apiVersion: API_VERSION, perspective: perspectiveStack }).pipe(
    map((places: StoryPlaces | SeriesPlaces | null) => {
      if (!places) return null
      const found = 'citedBy' in places ? seriesLocations(places) : storyLocations(places)
      if (found.length > 0) return { locations: found }
      return { message: 'Not on the site yet: give it a web address (slug).', tone: 'caution' as const }
    }),
  )
}

/** A listing's first page and its later pages (`…/page/<n>`), as route patterns. */
const listingRoutes = (base: string) => [base, listingPagePath(base, ':page')]

/** The document each page of the site is about, which the Presentation tool opens beside it. */
export const mainDocuments: DocumentResolver[] = [
  { route: storyPath(':slug'), filter: '_type == "article" && slug.current == $slug' },
  { route: listingRoutes(sectionPath(':slug')), filter: '_type == "section" && slug.current == $slug' },
  { route: listingRoutes(authorPath(':slug')), filter: '_type == "author" && slug.current == $slug' },
  { route: seriesPath(':slug'), filter: '_type == "tradeSeries" && slug.current == $slug' },
]
