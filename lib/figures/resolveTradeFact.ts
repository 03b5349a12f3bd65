import type { TradeFact, TradeObservation } from '@/lib/content/sanity.types'
import { type Comparison, checkHighestSince, compare, type HighestSinceCheck, previousPeriod } from './compare'
import { newsroomYear } from './dateline'
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
  | { ok: false; text: string; problem: string }

/**
 * Resolves a trade fact to its observation and formats it in house style. A fact whose series,
 * period or observation is missing resolves to the editor's fallback text with the reason, so
 * the page can show it as unverified instead of failing.
 */
export function resolveTradeFact(fact: TradeFactInput, publishedAt: string | null | undefined): ResolvedTradeFact {
  const fallback = fact.fallbackText?.trim() || 'figure unavailable'
  const series = fact.series
  if (!series?._id) return { ok: false, text: fallback, problem: 'the series it points at does not exist' }
  if (!series.slug) return { ok: false, text: fallback, problem: `series ${series._id} has no slug` }
  const period = fact.period ?? ''
  if (!parsePeriod(period)) return { ok: false, text: fallback, problem: `period "${period}" is not YYYY or YYYY-MM` }
  const observation = series.observations?.find((o) => o.period === period)
  if (!observation || typeof observation.primaryValue !== 'number' || !observation.releasedAt)
    return { ok: false, text: fallback, problem: `series ${series._id} has no value for ${period}` }
  const current: Release = { primaryValue: observation.primaryValue, status: observation.status, releasedAt: observation.releasedAt }
  const atPublication = publishedAt ? releaseAt(observation, publishedAt) : undefined
  const reading = readFigure(fact, series.observations ?? [], current, atPublication, publishedAt)
  if ('problem' in reading) return { ok: false, text: fallback, problem: reading.problem }
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
    textAtPublication: reading.textAtPublication,
    revisedSincePublication: reading.textAtPublication !== undefined && reading.textAtPublication !== reading.text,
    claim: reading.claim,
  }
}

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
  atPublication?: Release
  publishedAt?: string | null
}

/** How each kind of figure reads; a kind added to the schema fails to compile until it is here. */
const READERS: Record<FigureKind, (c: ReadingContext) => Reading> = {
  value: ({ fact, current, atPublication }) => ({
    text: formatUsd(current.primaryValue, precisionOf(fact)),
    textAtPublication: atPublication && formatUsd(atPublication.primaryValue, precisionOf(fact)),
  }),
  change: ({ fact, observations, publishedAt }) => {
    const period = fact.period ?? ''
    const base = fact.comparePeriod || previousPeriod(period)
    const now = compare(observations, period, base)
    if (!now.ok) return { problem: `cannot compare with ${base}: ${now.problem}` }
    const then = publishedAt ? compare(observations, period, base, (o) => releaseAt(o, publishedAt)?.primaryValue) : undefined
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
