import { escapeHTML, type PortableTextComponents, type PortableTextTypeComponent, toHTML } from '@portabletext/to-html'
import type { BodyObjectType } from '@/lib/content/bodyTypes'
import type { SITE_FEED_QUERY_RESULT } from '@/lib/content/sanity.types'
import { observationsInWindow } from '@/lib/figures/chartData'
import { formatDateline } from '@/lib/figures/dateline'
import { OBSERVATION_COLUMNS, observationCells } from '@/lib/figures/observationCells'
import { claimNoteShown, type FigurePresentation, figureClass, presentTradeFact, revisionNoteText } from '@/lib/figures/presentTradeFact'
import { absoluteUrl, seriesPath } from '@/lib/site/paths'
import { safeHref } from '@/lib/site/safeHref'
import { captionWithCredit, type FeedContext, feedImage, type Photo } from './context'
import { CORRECTION_LABELS, type Correction } from './corrections'

type Body = NonNullable<SITE_FEED_QUERY_RESULT[number]['body']>
type BodyItem = Body[number]
type InlineItem = Extract<NonNullable<Extract<BodyItem, { _type: 'block' }>['children']>[number], { _type: string }>
type TradeFactValue = Extract<InlineItem, { _type: 'tradeFact' }>
type DataChartValue = Extract<BodyItem, { _type: 'dataChart' }>

const attr = escapeHTML

/** A figure as the page shows it (the same presentation), with its data page link made absolute. */
export function figureHtml(figure: FigurePresentation, siteUrl: string): string {
  const title = attr(figure.description)
  if (!figure.resolved) return `<span class="${figureClass(figure)}" title="${title}">${escapeHTML(figure.text)}</span>`
  const claim = figure.claim ? ` data-claim="${attr(figure.claim.verdict)}"` : ''
  const link = `<a class="figure" href="${attr(absoluteUrl(figure.href, siteUrl))}" title="${title}" data-period="${attr(figure.period)}"${claim}>${escapeHTML(figure.text)}</a>`
  const revision = figure.revision ? `<span class="figure__revision"> (${escapeHTML(revisionNoteText(figure.revision))})</span>` : ''
  const claimNote = claimNoteShown(figure)
  return `${link}${revision}${claimNote ? `<span class="figure__claim-note"> (${escapeHTML(claimNote)})</span>` : ''}`
}

/** A story's corrections and clarifications as the page ends with them, for readers that show only the content. */
export function correctionsHtml(corrections: Correction[]): string {
  if (corrections.length === 0) return ''
  const items = corrections.map(
    (c) =>
      `<li><strong>${CORRECTION_LABELS[c.kind]}</strong>, <time datetime="${attr(c.date)}">${escapeHTML(formatDateline(c.date))}</time>: ${escapeHTML(c.text)}</li>`,
  )
  return `<aside class="corrections"><h2>Corrections and clarifications</h2><ul>${items.join('')}</ul></aside>`
}

/** A photo as <figure>: the absolute image URL, its alt text, and the caption with its credit. */
export function photoHtml(photo: Photo | null | undefined, context: FeedContext): string {
  const image = feedImage(photo, context)
  if (!image) return ''
  const size = `width="${image.width}"${image.height ? ` height="${image.height}"` : ''}`
  const caption = captionWithCredit(image)
  return `<figure><img src="${attr(image.url)}" alt="${attr(image.alt)}" ${size} />${caption ? `<figcaption>${escapeHTML(caption)}</figcaption>` : ''}</figure>`
}

/** A chart as its text equivalent: the table of the window it shows, its caption and its source. */
function dataChartHtml(chart: DataChartValue, siteUrl: string): string {
  const series = chart.series
  if (!series?.slug) return ''
  const caption = escapeHTML(chart.caption ?? series.title ?? 'Data')
  const head = OBSERVATION_COLUMNS.map((column) => `<th scope="col">${column}</th>`).join('')
  const rows = observationsInWindow(series.observations ?? [], chart.fromPeriod, chart.toPeriod).map((o) => {
    const [period, ...cells] = observationCells(o).map(escapeHTML)
    return `<tr><th scope="row">${period}</th>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`
  })
  const dataLink = `<a href="${attr(absoluteUrl(seriesPath(series.slug), siteUrl))}">All data for ${escapeHTML(series.title ?? series.slug)}</a>`
  return (
    `<figure><table><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>` +
    `<figcaption>${caption}. Source: ${escapeHTML(series.source?.agency ?? 'not named')}. ${dataLink}</figcaption></figure>`
  )
}

/**
 * An article body as HTML for feed readers, from the same Portable Text and the same figure
 * presentation as the page. Every URL is absolute, since the HTML is read away from the site.
 * Unknown block types are left out; unknown marks and styles keep their text.
 */
export function bodyHtml(article: { body: Body | null; publishedAt: string | null; url: string }, context: FeedContext): string {
  const types = {
    tradeFact: ({ value }: { value: TradeFactValue }) => figureHtml(presentTradeFact(value, article.publishedAt), context.siteUrl),
    photo: ({ value }: { value: Photo }) => photoHtml(value, context),
    dataChart: ({ value }: { value: DataChartValue }) => dataChartHtml(value, context.siteUrl),
  } satisfies Record<BodyObjectType, PortableTextTypeComponent>

  const components: PortableTextComponents = {
    types,
    marks: {
      link: ({ value, children }) => {
        const href = safeHref(value?.href)
        return href ? `<a href="${attr(new URL(href, article.url).href)}">${children}</a>` : children
      },
    },
    block: {
      normal: ({ children }) => `<p>${children}</p>`,
      h2: ({ children }) => `<h2>${children}</h2>`,
      h3: ({ children }) => `<h3>${children}</h3>`,
      blockquote: ({ children }) => `<blockquote>${children}</blockquote>`,
    },
    unknownType: () => '',
    unknownMark: ({ children }) => children,
    unknownBlockStyle: ({ children }) => `<p>${children}</p>`,
  }
  return toHTML(article.body ?? [], { components, onMissingComponent: false })
}
