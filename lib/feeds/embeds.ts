import { escapeHTML as attr } from '@portabletext/to-html'
import { absoluteUrl, embedChartPath } from '@/lib/site/paths'

/**
 * Embeds a partner frames: a chart of a whole series, or one figure (a series' value for a
 * period). Keyed by series and period, not by story and figure key: the value is the same
 * whichever story cites it, so each is one cached page, revised once, for every partner and story
 * (their addresses: lib/site/paths). The size each is drawn for; oEmbed scales it down to a
 * consumer's maxwidth and maxheight.
 */
export const EMBED_SIZES = { chart: { width: 640, height: 420 }, figure: { width: 360, height: 220 } } as const
export type EmbedKind = keyof typeof EMBED_SIZES

/** The `<iframe>` a partner pastes: titled for screen readers, lazy, sized, without a border. */
export function embedIframe(src: string, title: string, { width, height }: { width: number; height: number }): string {
  return `<iframe src="${attr(src)}" title="${attr(title)}" width="${width}" height="${height}" loading="lazy" style="border:0;max-width:100%"></iframe>`
}

/** The code "Copy embed code" gives for a series' chart, at the size it is drawn for. */
export const chartEmbedCode = (series: { slug: string; title: string }, siteUrl: string) =>
  embedIframe(absoluteUrl(embedChartPath(series.slug), siteUrl), series.title, EMBED_SIZES.chart)
