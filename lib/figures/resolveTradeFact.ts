import type { TradeFact, TradeObservation } from '@/lib/content/sanity.types'
import { previousPeriod } from './compare'
import { type FigureRecord, type RecordedFigure, recordFor } from './figureRecord'
import { formatPercent, formatUsd } from './money'
import { type Release, releaseAt } from './observation'
import { formatPeriod, parsePeriod } from './period'

/** What the page needs of a series to resolve a figure. */
export type SeriesForFacts = {
  _id: string
  title?: string | null
  slug?: string | null
  source?: { agency?: string | null; wording?: string | null } | null
  observations?: TradeObservation[] | null
}

export type TradeFactInput = {
  _key?: string
  period?: string | null
  /** One of TradeFact['show']; typed wider because stored content may hold anything. */
  show?: string | null
  comparePeriod?: string | null
  fallbackText?: string | null
  series?: SeriesForFacts | null
  /** The series' id as referenced, which outlives the series. */
  seriesRef?: string | null
  /** What the article recorded of this figure when it was first published (lib/figures/publicationRecord). */
  published?: FigureRecord | null
}

export type ResolvedTradeFact =
  | {
      ok: true
      text: string
      period: string
      periodLabel: string
      seriesTitle: string
      seriesSlug: string
      sourceName: string
      current: Release
      atPublication?: Release
      /** The figure as it read when the article was published, where the data then existed. */
      textAtPublication?: string
      revisedSincePublication: boolean
    }
  /** No live data, but the article's record of what it showed when published. */
  | { ok: false; text: string; problem: string; recorded: RecordedFigure }
  | { ok: false; text: string; problem: string; recorded?: undefined }

/**
 * Resolves a trade fact to its observation and formats it in house style. The value at publication
 * is the article's record where it has one, else derived from the observation's history. A fact
 * whose series, period or observation is missing resolves to its record's text, or without one to
 * the editor's fallback text, with the reason, so the page can mark it instead of failing.
 */
export function resolveTradeFact(fact: TradeFactInput, publishedAt: string | null | undefined): ResolvedTradeFact {
  const recorded = recordFor(fact.published, fact)
  const unresolved = (problem: string): ResolvedTradeFact =>
    recorded
      ? { ok: false, text: recorded.text, problem, recorded }
      : { ok: false, text: fact.fallbackText?.trim() || 'figure unavailable', problem }
  const series = fact.series
  if (!series?._id) return unresolved('the series it points at does not exist')
  if (!series.slug) return unresolved(`series ${series._id} has no slug`)
  const period = fact.period ?? ''
  if (!parsePeriod(period)) return unresolved(`period "${period}" is not YYYY or YYYY-MM`)
  const observation = series.observations?.find((o) => o.period === period)
  if (!observation || typeof observation.primaryValue !== 'number' || !observation.releasedAt)
    return unresolved(`series ${series._id} has no value for ${period}`)
  const current: Release = { primaryValue: observation.primaryValue, status: observation.status, releasedAt: observation.releasedAt }
  // With a record, nothing is derived from history.
  const derivedFrom = recorded ? undefined : publishedAt
  const derived = derivedFrom ? releaseAt(observation, derivedFrom) : undefined
  const reading = readFigure(fact, series.observations ?? [], current, derived, derivedFrom)
  if ('problem' in reading) return unresolved(reading.problem)
  const atPublication = recorded ? recorded.release : derived
  const textAtPublication = recorded ? recorded.text : reading.textAtPublication
  return {
    ok: true,
    text: reading.text,
    period,
    periodLabel: formatPeriod(period),
    seriesTitle: series.title ?? series.slug,
    seriesSlug: series.slug,
    sourceName: series.source?.wording || series.source?.agency || 'source not named',
    current,
    atPublication,
    textAtPublication,
    revisedSincePublication: textAtPublication !== undefined && textAtPublication !== reading.text,
  }
}

/** The period a `change` figure compares with: the one the editor named, or the period before. */
export const comparisonPeriod = (fact: TradeFactInput) => fact.comparePeriod || previousPeriod(fact.period ?? '')

type Reading = { text: string; textAtPublication?: string } | { problem: string }

/** "up 25.7 percent" / "down $450,000" (when the base is zero, a percentage means nothing). */
function describeChange(from: number, to: number): string {
  const direction = to >= from ? 'up' : 'down'
  return from === 0
    ? `${direction} ${formatUsd(Math.abs(to - from))}`
    : `${direction} ${formatPercent((Math.abs(to - from) / Math.abs(from)) * 100)}`
}

type FigureKind = NonNullable<TradeFact['show']>
type ReadingContext = {
  fact: TradeFactInput
  observations: TradeObservation[]
  current: Release
  atPublication?: Release
  publishedAt?: string | null
}

/** How each kind of figure reads; a kind added to the schema fails to compile until it is here. */
const READERS: Record<FigureKind, (c: ReadingContext) => Reading> = {
  value: ({ current, atPublication }) => ({
    text: formatUsd(current.primaryValue),
    textAtPublication: atPublication && formatUsd(atPublication.primaryValue),
  }),
  change: ({ fact, observations, current, atPublication, publishedAt }) => {
    const base = comparisonPeriod(fact)
    const other = observations.find((o) => o.period === base)
    if (!other || typeof other.primaryValue !== 'number') return { problem: `no value for ${base} to compare with` }
    const otherAtPublication = publishedAt ? releaseAt(other, publishedAt) : undefined
    return {
      text: describeChange(other.primaryValue, current.primaryValue),
      textAtPublication: atPublication && otherAtPublication && describeChange(otherAtPublication.primaryValue, atPublication.primaryValue),
    }
  },
  share: () => ({ problem: 'a share needs a total to divide by, and trade facts cannot name one yet' }),
}

/** The words a figure shows, now and at publication, by what the editor asked it to show. */
function readFigure(
  fact: TradeFactInput,
  observations: TradeObservation[],
  current: Release,
  atPublication: Release | undefined,
  publishedAt: string | null | undefined,
): Reading {
  const show = fact.show || 'value'
  const reader = Object.hasOwn(READERS, show) ? READERS[show as FigureKind] : undefined
  return reader ? reader({ fact, observations, current, atPublication, publishedAt }) : { problem: `unknown figure kind "${show}"` }
}
