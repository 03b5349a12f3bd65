import type { FigurePresentation } from '@/lib/figures/presentTradeFact'

/** What dates a story: its publication, the editors' last update, its corrections and its figures as presented. */
export type StoryDating = {
  publishedAt?: string | null
  updatedAt?: string | null
  corrections?: Array<{ date?: string | null }> | null
  figures?: FigurePresentation[]
}

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN)

/**
 * When a story last changed for its readers: the later of its publication, the editors' update, a
 * correction, and the release of a data revision that changed a figure's text since publication.
 * A date later than `now` counts as now (a typo or a clock must not date a story in the future,
 * where it would hide every later change), but the result is never before publication. Undefined
 * for a story that has no publication date.
 */
export function storyModifiedAt(story: StoryDating, now: Date = new Date()): string | undefined {
  const published = time(story.publishedAt)
  if (Number.isNaN(published) || !story.publishedAt) return undefined
  const revisions = (story.figures ?? []).flatMap((f) => (f.resolved && f.revision ? [f.revision.revisedAt] : []))
  const candidates = [story.updatedAt, ...(story.corrections ?? []).map((c) => c.date), ...revisions]
    .map(time)
    .filter((t) => !Number.isNaN(t) && t > published)
  if (candidates.length === 0) return story.publishedAt
  const latest = Math.max(published, Math.min(Math.max(...candidates), now.getTime()))
  return latest === published ? story.publishedAt : new Date(latest).toISOString()
}

/**
 * A feed's HTTP Last-Modified: the newest change to anything it reads (stories, their data,
 * authors, sections, tags) or the last time a story left the site, whichever is later, and never
 * later than now. Removals count because a story deleted or unpublished changes the feed while
 * leaving nothing newer behind; without them the date would go backwards and a client would get a
 * wrong 304.
 */
export function feedLastModified(
  changes: Array<string | null | undefined>,
  lastRemoval: string | null | undefined,
  now: Date = new Date(),
): string {
  const times = [...changes, lastRemoval].map(time).filter((t) => !Number.isNaN(t))
  const newest = times.length === 0 ? 0 : Math.max(...times)
  return new Date(Math.min(newest, now.getTime())).toISOString()
}
