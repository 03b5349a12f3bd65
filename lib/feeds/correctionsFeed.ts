import { escapeHTML } from '@portabletext/to-html'
import type { CORRECTIONS_QUERY_RESULT } from '@/lib/content/sanity.types'
import { formatDay } from '@/lib/figures/dateline'
import { absoluteUrl, correctionPath, storyPath } from '@/lib/site/paths'
import type { FeedContext } from './context'
import { CORRECTION_LABELS, type Correction, correctionsOf } from './corrections'
import { type Feed, type FeedItem, type FeedScope, feedHead } from './feed'
import { feedLastModified } from './storyDates'
import { xmlSafe } from './xmlText'

/** How many corrections the page and its feeds list, newest first. */
export const CORRECTIONS_LISTED = 50

/** One correction or clarification, with the story it belongs to. */
export type ListedCorrection = Correction & {
  story: { headline: string; slug: string; publishedAt: string; section?: string }
}

/** The newest corrections of the stories, newest first. */
export function listedCorrections(stories: CORRECTIONS_QUERY_RESULT): ListedCorrection[] {
  return stories
    .flatMap((story) =>
      story.slug && story.publishedAt
        ? correctionsOf(story).map((c) => ({
            ...c,
            story: {
              headline: story.headline ?? 'Untitled story',
              slug: story.slug ?? '',
              publishedAt: story.publishedAt ?? '',
              section: story.section?.title ?? undefined,
            },
          }))
        : [],
    )
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
    .slice(0, CORRECTIONS_LISTED)
}

/**
 * The corrections feed in the model every feed builder reads: each correction is an item, dated
 * when it was made, titled with its kind and its story's headline, its URL (and id) the correction
 * in its story.
 */
export function buildCorrectionsFeed(
  scope: FeedScope,
  stories: CORRECTIONS_QUERY_RESULT,
  context: FeedContext,
  { lastRemoval, now = new Date() }: { lastRemoval?: string | null; now?: Date } = {},
): Feed {
  const items = listedCorrections(stories).map((c): FeedItem => {
    const storyUrl = absoluteUrl(storyPath(c.story.slug), context.siteUrl)
    const label = CORRECTION_LABELS[c.kind]
    return {
      // A correction is read in the list at the end of its story; that is also its permanent id in feeds.
      url: absoluteUrl(correctionPath(c.story.slug, c.key), context.siteUrl),
      title: xmlSafe(`${label}: ${c.story.headline}`).trim(),
      summary: xmlSafe(c.text),
      contentHtml: xmlSafe(
        `<p><strong>${label}</strong>, ${escapeHTML(formatDay(c.date))}: ${escapeHTML(c.text)}</p><p>To <a href="${escapeHTML(storyUrl)}">${escapeHTML(c.story.headline)}</a>, published ${escapeHTML(formatDay(c.story.publishedAt))}.</p>`,
      ),
      publishedAt: c.date,
      updatedAt: c.date,
      corrections: [],
      authors: [],
      categories: [label, ...(c.story.section ? [c.story.section] : [])],
      tags: [],
      figures: [],
    }
  })
  return {
    ...feedHead(scope, context),
    updatedAt: feedLastModified(
      items.map((item) => item.updatedAt),
      undefined,
      now,
    ),
    lastModified: feedLastModified(
      stories.map((story) => story._updatedAt),
      lastRemoval,
      now,
    ),
    items,
  }
}
