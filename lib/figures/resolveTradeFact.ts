import type { TradeFact, TradeObservation } from '@/lib/content/sanity.types'
import { previousPeriod } from './compare'
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
  }
}

type Reading = { text: string; textAtPublication?: string } | { problem: string }

/**
 * "up 25.7 percent" / "down $450,000" (when the base is zero, a percentage means nothing).
 * Undefined when the change cannot be written as a number (a base near zero makes it infinite).
 */
function describeChange(from: number, to: number): string | undefined {
  const direction = to >= from ? 'up' : 'down'
  const change = Math.abs(to - from)
  const percent = (change / Math.abs(from)) * 100
  if (!Number.isFinite(change) || (from !== 0 && !Number.isFinite(percent))) return undefined
  return from === 0 ? `${direction} ${formatUsd(change)}` : `${direction} ${formatPercent(percent)}`
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
    const base = fact.comparePeriod || previousPeriod(fact.period ?? '')
    const other = observations.find((o) => o.period === base)
    if (!other || typeof other.primaryValue !== 'number') return { problem: `no value for ${base} to compare with` }
    const otherAtPublication = publishedAt ? releaseAt(other, publishedAt) : undefined
    const text = describeChange(other.primaryValue, current.primaryValue)
    if (text === undefined) return { problem: `the change from ${base} is too large to state` }
    return {
      text,
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
