import type { TradeFact, TradeObservation } from '@/lib/content/sanity.types'
import { type Comparison, checkHighestSince, compare, type HighestSinceCheck, previousPeriod } from './compare'
import { newsroomYear } from './dateline'
import { type FigureRecord, type RecordedFigure, recordFor } from './figureRecord'
import { formatPercent, formatUsd, HOUSE_PRECISION, PRECISION_RULES, type Precision } from './money'
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
  /** The display precision the editor chose; house style when absent. */
  precision?: { rule?: string | null; digits?: number | null } | null
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
      /** For a claim: what the data says of it. */
      claim?: ClaimVerdict
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
  const valuesAsOf = recorded || !publishedAt ? undefined : publishedAt
  const derived = valuesAsOf ? releaseAt(observation, valuesAsOf) : undefined
  const reading = readFigure({ fact, observations: series.observations ?? [], current, atPublication: derived, publishedAt, valuesAsOf })
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
    claim: reading.claim,
  }
}

/** The period a `change` figure compares with: the one the editor named, or the period before. */
export const comparisonPeriod = (fact: TradeFactInput) => fact.comparePeriod || previousPeriod(fact.period ?? '')

/** A claim's check, as the page reports it. */
export type ClaimVerdict = Exclude<HighestSinceCheck, { verdict: 'unresolved' }>

type Reading = { text: string; textAtPublication?: string; claim?: ClaimVerdict } | { problem: string }

/**
 * "up 25.7 percent" / "down $450,000" (when the base is zero, a percentage means nothing).
 * Undefined when the change cannot be written as a number (a base near zero makes it infinite).
 */
function changeWords(c: Extract<Comparison, { ok: true }>): string | undefined {
  const direction = c.change >= 0 ? 'up' : 'down'
  const amount = Math.abs(c.percentChange ?? c.change)
  if (!Number.isFinite(amount)) return undefined
  return c.percentChange === undefined ? `${direction} ${formatUsd(amount)}` : `${direction} ${formatPercent(amount)}`
}

/** The editor's precision where it is one the rules know; house style otherwise. */
function precisionOf(fact: TradeFactInput): Precision {
  const { rule, digits } = fact.precision ?? {}
  return PRECISION_RULES.includes(rule as Precision['rule']) && typeof digits === 'number'
    ? { rule: rule as Precision['rule'], digits }
    : HOUSE_PRECISION
}

type FigureKind = NonNullable<TradeFact['show']>
type ReadingContext = {
  fact: TradeFactInput
  observations: TradeObservation[]
  current: Release
  /** The value of the figure's own period at publication, derived from history. */
  atPublication?: Release
  /** The article's publication, for wording (a month's year is named only when it differs). */
  publishedAt?: string | null
  /** When to read values at publication from history; absent when the article recorded them. */
  valuesAsOf?: string
}

/** How each kind of figure reads; a kind added to the schema fails to compile until it is here. */
const READERS: Record<FigureKind, (c: ReadingContext) => Reading> = {
  value: ({ fact, current, atPublication }) => ({
    text: formatUsd(current.primaryValue, precisionOf(fact)),
    textAtPublication: atPublication && formatUsd(atPublication.primaryValue, precisionOf(fact)),
  }),
  change: ({ fact, observations, valuesAsOf }) => {
    const period = fact.period ?? ''
    const base = comparisonPeriod(fact)
    const now = compare(observations, period, base)
    if (!now.ok) return { problem: `cannot compare with ${base}: ${now.problem}` }
    const then = valuesAsOf ? compare(observations, period, base, (o) => releaseAt(o, valuesAsOf)?.primaryValue) : undefined
    const text = changeWords(now)
    if (text === undefined) return { problem: `the change from ${base} is too large to state` }
    return { text, textAtPublication: then?.ok ? changeWords(then) : undefined }
  },
  // A claim reads as the editor made it; whether the data supports it is reported beside it.
  highestSince: ({ fact, observations, publishedAt }) => {
    const check = checkHighestSince(observations, fact.period ?? '', fact.comparePeriod)
    if (check.verdict === 'unresolved') return { problem: check.problem }
    return {
      text: `the highest level since ${formatPeriod(check.since, publishedAt ? newsroomYear(publishedAt) : undefined)}`,
      claim: check,
    }
  },
}

/** The words a figure shows, now and at publication, by what the editor asked it to show. */
function readFigure(context: ReadingContext): Reading {
  const show = context.fact.show || 'value'
  const reader = Object.hasOwn(READERS, show) ? READERS[show as FigureKind] : undefined
  return reader ? reader(context) : { problem: `unknown figure kind "${show}"` }
}
