import type { TradeObservation } from '@/lib/content/sanity.types'
import { formatUsd } from './money'
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

export type TradeFactInput = { _key?: string; period?: string | null; fallbackText?: string | null; series?: SeriesForFacts | null }

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
  return {
    ok: true,
    text: formatUsd(current.primaryValue),
    period,
    periodLabel: formatPeriod(period),
    seriesTitle: series.title ?? series.slug,
    seriesSlug: series.slug,
    sourceName: series.source?.wording || series.source?.agency || 'source not named',
    current,
    atPublication,
    revisedSincePublication: atPublication !== undefined && atPublication.primaryValue !== current.primaryValue,
  }
}
