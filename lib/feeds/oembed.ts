import type { Metadata } from 'next'
import { isPeriod } from '@/lib/figures/period'
import { SITE_NAME } from '@/lib/site/identity'
import { absoluteUrl, embedChartPath, embedFigurePath, oembedPath } from '@/lib/site/paths'
import { EMBED_SIZES, type EmbedKind, embedIframe } from './embeds'
import { xmlSafe } from './xmlText'

const OEMBED_TYPE = 'application/json+oembed'

/** A page of ours that oEmbed describes: a series' data page (its chart), one period of it (the figure), or a story. */
export type OEmbedTarget =
  | { kind: 'chart'; series: string }
  | { kind: 'figure'; series: string; period: string }
  | { kind: 'story'; slug: string }

const segment = (text: string) => {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/**
 * What a URL given to the endpoint points at, or undefined when it is not one of our embeddable
 * pages: `/data/<series>`, `/data/<series>#period-<period>` (the data page's anchor for a figure),
 * the embeds themselves, and `/articles/<slug>`. Only URLs on the site's own origin.
 */
export function oembedTarget(url: string, siteUrl: string): OEmbedTarget | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.origin !== new URL(siteUrl).origin) return undefined
  const parts = parsed.pathname.split('/').slice(1).map(segment)
  if (parts.some((part) => !part)) return undefined
  const [first, second, third, fourth, ...rest] = parts as string[]
  if (rest.length > 0) return undefined
  const anchor = /^#period-(.*)$/.exec(parsed.hash)?.[1]
  const period = anchor && isPeriod(anchor) ? anchor : undefined
  if (first === 'data' && second && !third) return period ? { kind: 'figure', series: second, period } : { kind: 'chart', series: second }
  if (first === 'embed' && second === 'chart' && third && !fourth) return { kind: 'chart', series: third }
  if (first === 'embed' && second === 'figure' && third && fourth) return { kind: 'figure', series: third, period: fourth }
  if (first === 'articles' && second && !third) return { kind: 'story', slug: second }
  return undefined
}

/** A consumer's maxwidth or maxheight: a positive whole number of pixels, absent, or invalid. */
export function parseMaxDimension(value: string | null): number | undefined | 'invalid' {
  if (value === null || value === '') return undefined
  return /^[1-9]\d{0,5}$/.test(value) ? Number(value) : 'invalid'
}

const provider = (siteUrl: string) => ({ version: '1.0', provider_name: SITE_NAME, provider_url: `${siteUrl}/` })

/**
 * The `rich` response for a chart or figure: an iframe of its embed at its drawn size, scaled
 * down to fit maxwidth and maxheight as the spec requires, and at least 1 pixel each way.
 */
export function richEmbed(
  kind: EmbedKind,
  path: string,
  rawTitle: string,
  siteUrl: string,
  { maxwidth, maxheight }: { maxwidth?: number; maxheight?: number } = {},
) {
  // Characters HTML and XML forbid are dropped, so the title reads the same in the iframe and in JSON.
  const title = xmlSafe(rawTitle).trim()
  const size = EMBED_SIZES[kind]
  const width = Math.min(size.width, maxwidth ?? size.width)
  const height = Math.min(size.height, maxheight ?? size.height)
  return {
    ...provider(siteUrl),
    type: 'rich' as const,
    title,
    html: embedIframe(absoluteUrl(path, siteUrl), title, { width, height }),
    width,
    height,
    cache_age: 60,
  }
}

/** A story as a `link`: its title, authors and picture for a partner's card, with no HTML of ours to run. */
export function storyLink(
  story: { title: string; authors: { name: string; url?: string }[]; image?: { url: string; width: number; height?: number } },
  siteUrl: string,
) {
  const [author] = story.authors
  return {
    ...provider(siteUrl),
    type: 'link' as const,
    title: story.title,
    ...(author ? { author_name: story.authors.map((a) => a.name).join(', '), ...(author.url ? { author_url: author.url } : {}) } : {}),
    ...(story.image?.height
      ? { thumbnail_url: story.image.url, thumbnail_width: story.image.width, thumbnail_height: story.image.height }
      : {}),
    cache_age: 60,
  }
}

export const embedPathOf = (target: Exclude<OEmbedTarget, { kind: 'story' }>) =>
  target.kind === 'chart' ? embedChartPath(target.series) : embedFigurePath(target.series, target.period)

/** `<link rel="alternate" type="application/json+oembed">` for a page, to put beside its other alternates. */
export function oembedAlternate(pageUrl: string, title: string): NonNullable<NonNullable<Metadata['alternates']>['types']> {
  return { [OEMBED_TYPE]: [{ url: oembedPath(pageUrl), title }] }
}
