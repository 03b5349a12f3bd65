import { type FigurePresentation, revisionNoteText } from '@/lib/figures/presentTradeFact'
import type { Feed } from './feed'

/**
 * A figure as structured data for the `_trade_facts` extension: what it shows now, what it showed
 * when the story was published, and where the value comes from. Unresolved figures are listed as
 * unverified with the text the story shows.
 */
export function tradeFactJson(figure: FigurePresentation) {
  if (!figure.resolved && figure.asPublished) {
    const { seriesId, seriesTitle, period, value, releasedAt } = figure.asPublished
    return {
      text: figure.text,
      status: 'unlinked',
      series: { id: seriesId, title: seriesTitle },
      period,
      value_at_publication: value,
      released_at_publication: releasedAt,
    }
  }
  if (!figure.resolved) return { text: figure.text, status: 'unverified' }
  return {
    text: figure.text,
    series: { id: figure.seriesId, title: figure.seriesTitle },
    period: figure.period,
    value: figure.value,
    unit: 'USD',
    source: figure.sourceName,
    status: figure.status ?? null,
    released_at: figure.releasedAt,
    value_at_publication: figure.valueAtPublication ?? null,
    url: figure.href,
    ...(figure.revision ? { revision_note: revisionNoteText(figure.revision) } : {}),
    ...(figure.claim ? { claim: { verdict: figure.claim.verdict, note: figure.claim.note } } : {}),
  }
}

/** JSON Feed 1.1, with each item's figures under the `_trade_facts` extension. */
export function buildJsonFeed(feed: Feed): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.pageUrl,
      feed_url: feed.feedUrls.json,
      description: feed.description,
      language: feed.language,
      items: feed.items.map((item) => ({
        id: item.url,
        url: item.url,
        title: item.title,
        ...(item.summary ? { summary: item.summary } : {}),
        content_html: item.contentHtml,
        ...(item.image ? { image: item.image.url } : {}),
        date_published: item.publishedAt,
        date_modified: item.updatedAt,
        authors: item.authors.map((author) => ({ name: author.name, ...(author.url ? { url: author.url } : {}) })),
        tags: item.categories,
        _trade_facts: { figures: item.figures.map(tradeFactJson) },
        ...(item.corrections.length > 0 ? { _corrections: item.corrections } : {}),
      })),
    },
    null,
    2,
  )
}
