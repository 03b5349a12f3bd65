import { seriesPath } from '../site/paths'
import { formatDay } from './dateline'
import { formatPeriod } from './period'
import { type ClaimVerdict, comparisonPeriod, resolveTradeFact, type TradeFactInput } from './resolveTradeFact'

/** A revision of a figure's data after the article was published; `revisedAt` is the release that changed its text. */
export type FigureRevision = { publishedText: string; publishedOn: string; revisedOn: string; revisedAt: string }

/** What a figure whose data is gone showed when published, from the article's record. */
export type FigureAsPublished = {
  seriesId: string
  seriesTitle: string
  period: string
  periodLabel: string
  value: number
  releasedAt: string
}

/**
 * How a figure reads wherever it is shown (web page, feed HTML, JSON Feed): one model, so every
 * channel says the same thing. `href` is site-relative; channels that need absolute URLs prefix it.
 */
export type FigurePresentation =
  | {
      resolved: true
      key?: string
      text: string
      href: string
      description: string
      seriesId: string
      seriesTitle: string
      period: string
      periodLabel: string
      status?: string
      sourceName: string
      releasedAt: string
      value: number
      valueAtPublication?: number
      revision?: FigureRevision
      /** For a claim: whether the data supports it, and why, in words. */
      claim?: { verdict: ClaimVerdict['verdict']; note: string }
    }
  | { resolved: false; key?: string; text: string; description: string; problem: string; asPublished?: FigureAsPublished }

/** The class a figure's element carries: live, unverified (the editor's text), or as published with its data gone. */
export const figureClass = (figure: FigurePresentation) =>
  figure.resolved ? 'figure' : figure.asPublished ? 'figure figure--unlinked' : 'figure figure--unverified'

/** "revised; $12.98 million when published on April 19, 2021" */
export function revisionNoteText(revision: FigureRevision): string {
  return `revised ${revision.revisedOn}; ${revision.publishedText} when published on ${revision.publishedOn}`
}

/** Why the data supports a claim or not: "July 2020 was higher", "no data for December 2020". */
export function claimNote(claim: ClaimVerdict): string {
  switch (claim.verdict) {
    case 'supported':
      return `supported by the data: ${formatPeriod(claim.since)} was as high or higher, and every ${claim.since.length === 4 ? 'year' : 'month'} since lower`
    case 'not supported':
      return claim.higherSince
        ? `not supported by the data: ${formatPeriod(claim.higherSince)} was as high or higher`
        : `not supported by the data: ${formatPeriod(claim.since)} was lower`
    case 'cannot be checked':
      return `cannot be checked: no data for ${claim.missing.map((p) => formatPeriod(p)).join(', ')}`
  }
}

/**
 * What a claim says beside itself, in parentheses, on the page and in feeds, when the data does
 * not bear it out. A supported claim says nothing aloud: it is marked, and its check is in the
 * figure's description.
 */
export function claimNoteShown(figure: FigurePresentation): string | undefined {
  return figure.resolved && figure.claim && figure.claim.verdict !== 'supported' ? figure.claim.note : undefined
}

/** The newest release a figure reads: its own period's, or for a change the compared period's if later. */
function latestRelease(fact: TradeFactInput, ownRelease: string): string {
  if (fact.show !== 'change') return ownRelease
  const compared = fact.series?.observations?.find((o) => o.period === comparisonPeriod(fact))?.releasedAt
  return compared && Date.parse(compared) > Date.parse(ownRelease) ? compared : ownRelease
}

export function presentTradeFact(fact: TradeFactInput & { _key?: string }, publishedAt: string | null | undefined): FigurePresentation {
  const r = resolveTradeFact(fact, publishedAt)
  if (!r.ok && r.recorded) {
    const { record, release } = r.recorded
    const asPublished = {
      seriesId: record.seriesId ?? '',
      seriesTitle: record.seriesTitle ?? record.seriesId ?? 'a series no longer published',
      period: record.period ?? '',
      periodLabel: formatPeriod(record.period ?? ''),
      value: release.primaryValue,
      releasedAt: release.releasedAt,
    }
    return {
      resolved: false,
      key: fact._key,
      text: r.text,
      description: `as published${publishedAt ? ` on ${formatDay(publishedAt)}` : ''}: ${asPublished.seriesTitle}, ${asPublished.periodLabel}, released ${formatDay(release.releasedAt)}; no longer linked to live data`,
      problem: r.problem,
      asPublished,
    }
  }
  if (!r.ok)
    return {
      resolved: false,
      key: fact._key,
      text: r.text,
      description: 'unverified: not linked to data',
      problem: r.problem,
    }
  const revisedAt = latestRelease(fact, r.current.releasedAt)
  const revision =
    r.revisedSincePublication && r.textAtPublication && publishedAt
      ? { publishedText: r.textAtPublication, publishedOn: formatDay(publishedAt), revisedOn: formatDay(revisedAt), revisedAt }
      : undefined
  return {
    resolved: true,
    key: fact._key,
    text: r.text,
    href: seriesPath(r.seriesSlug, r.period),
    description: r.claim
      ? `${r.seriesTitle}, ${r.periodLabel}: ${r.text}, ${claimNote(r.claim)}. Source: ${r.sourceName}.`
      : `${r.seriesTitle}, ${r.periodLabel}: ${r.text}, ${r.current.status ?? 'status unknown'}. Source: ${r.sourceName}, released ${formatDay(r.current.releasedAt)}.`,
    seriesId: fact.series?._id ?? '',
    seriesTitle: r.seriesTitle,
    period: r.period,
    periodLabel: r.periodLabel,
    status: r.current.status,
    sourceName: r.sourceName,
    releasedAt: r.current.releasedAt,
    value: r.current.primaryValue,
    valueAtPublication: r.atPublication?.primaryValue,
    revision,
    claim: r.claim && { verdict: r.claim.verdict, note: claimNote(r.claim) },
  }
}

type BodyBlock = { _type?: string; children?: ReadonlyArray<{ _type?: string }> | null }
type ChildOf<Block> = Block extends { children?: ReadonlyArray<infer Child> | null } ? Child : never
/** The trade fact as the body's own type declares it (a query's projection, stored content), else the resolver's input. */
type TradeFactIn<Block> = [Extract<ChildOf<Block>, { _type: 'tradeFact' }>] extends [never]
  ? TradeFactInput
  : Extract<ChildOf<Block>, { _type: 'tradeFact' }>

/**
 * Every trade fact in a Portable Text body, in reading order: the one walk of a body for its
 * figures, whether the body is a query's projection, stored content in the Studio or a seed file.
 */
export function tradeFactsIn<Block extends BodyBlock>(body: readonly Block[] | null | undefined): TradeFactIn<Block>[] {
  return (body ?? []).flatMap((block) =>
    block._type === 'block' ? (block.children ?? []).filter((child) => child._type === 'tradeFact') : [],
  ) as TradeFactIn<Block>[]
}

type StoryBody = ReadonlyArray<{
  _type?: string
  children?: ReadonlyArray<{ _type?: string } | (TradeFactInput & { _type: 'tradeFact' })> | null
}>

/** Every figure of a story as readers see it, in reading order: the page, its metadata, feeds and sitemaps. */
export const presentFigures = (story: { body?: StoryBody | null; publishedAt?: string | null }) =>
  tradeFactsIn(story.body).map((fact) => presentTradeFact(fact, story.publishedAt))
