import { RESPONSIVE_IMAGE_WIDTHS } from '@/lib/content/imageTransforms'
import { SITE_LANGUAGE, SITE_NAME } from '@/lib/site/identity'
import { absoluteUrl, NINJS_EXTENSION_PATH, ninjsPath } from '@/lib/site/paths'
import { type FeedContext, feedImage, type Photo } from './context'
import { CORRECTION_LABELS } from './corrections'
import { buildFeedModel, type FeedArticle, type FeedItem, type FeedScope, feedItem } from './feed'
import { tradeFactJson } from './jsonFeed'
import { IPTC_NINJS_SCHEMA, NINJS_EXTENSION_VERSION } from './ninjsExtension'
import { plainTextOf } from './plainText'

export const NINJS_CONTENT_TYPE = 'application/json'

const iso = (date: string) => new Date(date).toISOString()

/** "Ahn Sung-mi", "Ahn Sung-mi and Lee Jun-seo", "A, B and C": the byline as a sentence. */
export function byLine(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** The lead photo as a ninjs picture: each width the site serves as a rendition, with caption, alt text and credit. */
function pictureAssociation(photo: Photo | null | undefined, context: FeedContext) {
  const image = feedImage(photo, context)
  if (!photo || !image) return []
  const original = photo.asset?.metadata?.dimensions?.width ?? image.width
  const widths = [...new Set([...RESPONSIVE_IMAGE_WIDTHS.filter((w) => w < image.width && w <= original), image.width])]
  const renditions = widths.flatMap((width) => {
    const href = context.imageUrl(photo, width)
    const height = image.height && Math.round((image.height * width) / image.width)
    return href
      ? [{ name: width === image.width ? 'feed' : `w${width}`, href, contentType: 'image/jpeg', width, ...(height ? { height } : {}) }]
      : []
  })
  return [
    {
      name: 'mainpicture',
      rel: 'mainpicture',
      uri: image.url,
      type: 'picture' as const,
      ...(image.credit ? { by: image.credit, copyrightHolder: image.credit } : {}),
      descriptions: [
        ...(image.caption ? [{ role: 'caption', value: image.caption }] : []),
        ...(image.alt ? [{ role: 'alt', value: image.alt }] : []),
      ],
      renditions,
    },
  ]
}

/**
 * A story as IPTC ninjs 3.1 with Factline's extension (lib/feeds/ninjsExtension): the same feed
 * item every feed carries (lib/feeds/feed), so it says what RSS, Atom and JSON Feed say. The
 * version is when the story last changed for readers, data revisions included.
 */
export function ninjsStory(item: FeedItem, photo: Photo | null | undefined, context: FeedContext) {
  const names = item.authors.map((author) => author.name)
  return {
    uri: item.url,
    // As IPTC's guidelines show for an extension: the standard is ours, the schema where partners get it.
    standard: { name: 'ninjs-factline', version: NINJS_EXTENSION_VERSION, schema: absoluteUrl(NINJS_EXTENSION_PATH, context.siteUrl) },
    type: 'text' as const,
    profile: photo ? 'text-photo' : 'text-only',
    version: iso(item.updatedAt),
    firstCreated: iso(item.publishedAt),
    versionCreated: iso(item.updatedAt),
    pubStatus: 'usable' as const,
    language: SITE_LANGUAGE,
    copyrightHolder: SITE_NAME,
    headlines: [{ role: 'main', value: item.title }],
    descriptions: [
      ...(item.summary ? [{ role: 'summary', value: item.summary }] : []),
      // Corrections are for readers too, so they travel as descriptions and not as an edNote.
      ...item.corrections.map((c) => ({ role: c.kind, value: `${CORRECTION_LABELS[c.kind]} (${iso(c.date)}): ${c.text}` })),
    ],
    bodies: [
      { role: 'main', contentType: 'text/html', value: item.contentHtml },
      { role: 'main', contentType: 'text/plain', value: plainTextOf(item.contentHtml) },
    ],
    ...(names.length > 0 ? { by: byLine(names) } : {}),
    people: item.authors.map((author) => ({ name: author.name, rel: 'author', ...(author.url ? { uri: author.url } : {}) })),
    subjects: [
      ...(item.section ? [{ name: item.section.name, rel: 'section', uri: item.section.url }] : []),
      ...item.tags.map((tag) => ({ name: tag.name, rel: 'tag', literal: tag.slug })),
    ],
    associations: pictureAssociation(photo, context),
    factline: {
      tradeFacts: item.figures.map(tradeFactJson),
      corrections: item.corrections.map(({ kind, text, date }) => ({ kind, text, date: iso(date) })),
    },
  }
}

export type NinjsStory = ReturnType<typeof ninjsStory>

export const storyNinjs = (article: FeedArticle, context: FeedContext, now?: Date) =>
  ninjsStory(feedItem(article, context, now), article.mainImage, context)

/**
 * A feed of stories as one ninjs composite: the feed's own headline and description, and each
 * story as an association in IPTC's plain ninjs (associations allow no extension), with its
 * extended ninjs, figures and all, as a rendition; with the feed's HTTP Last-Modified beside it.
 */
export function buildNinjsFeed(
  scope: FeedScope,
  articles: FeedArticle[],
  context: FeedContext,
  options: Parameters<typeof buildFeedModel>[3] = {},
) {
  const feed = buildFeedModel(scope, articles, context, options)
  const document = {
    uri: absoluteUrl(ninjsPath(scope.feedBase), context.siteUrl),
    standard: { name: 'ninjs', version: '3.1', schema: IPTC_NINJS_SCHEMA },
    type: 'composite' as const,
    profile: 'feed',
    versionCreated: iso(feed.updatedAt),
    pubStatus: 'usable' as const,
    language: feed.language,
    copyrightHolder: SITE_NAME,
    headlines: [{ role: 'main', value: feed.title }],
    descriptions: [{ role: 'summary', value: feed.description }],
    associations: feed.items.map((item, index) => {
      const { factline: _, standard: __, ...story } = ninjsStory(item, articles[index]?.mainImage, context)
      const extended = {
        name: 'ninjs',
        href: absoluteUrl(ninjsPath(new URL(item.url).pathname), context.siteUrl),
        contentType: NINJS_CONTENT_TYPE,
      }
      return { name: `story${index + 1}`, rel: 'item', ...story, renditions: [extended] }
    }),
  }
  return { document, lastModified: feed.lastModified }
}
