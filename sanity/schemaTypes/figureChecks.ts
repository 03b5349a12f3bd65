import type { CustomValidatorResult, SanityDocument, ValidationContext } from 'sanity'
import { API_VERSION } from '../../lib/content/config'
import { SERIES_FOR_FACTS_QUERY } from '../../lib/content/queries'
import { formatUsd } from '../../lib/figures/money'
import { formatPeriod, isPeriod } from '../../lib/figures/period'
import { tradeFactsIn } from '../../lib/figures/presentTradeFact'
import { resolveTradeFact, type SeriesForFacts } from '../../lib/figures/resolveTradeFact'

/** A trade fact as stored in an article body: the series is still a reference. */
export type StoredTradeFact = {
  _key?: string
  series?: { _ref?: string }
  period?: string
  show?: string
  comparePeriod?: string
  precision?: { rule?: string; digits?: number }
  fallbackText?: string
}

type BodyBlock = { _type?: string; children?: Array<{ _type?: string } | (StoredTradeFact & { _type: 'tradeFact' })> }

/**
 * The published series, by id. Figures resolve against published data on the site, so a figure
 * pointing at a series that exists only as a draft is not resolved.
 */
export async function loadSeries(context: Pick<ValidationContext, 'getClient'>, ids: string[]): Promise<Map<string, SeriesForFacts>> {
  if (ids.length === 0) return new Map()
  const client = context.getClient({ apiVersion: API_VERSION })
  const series = await client.fetch(SERIES_FOR_FACTS_QUERY, { ids }, { perspective: 'published' })
  return new Map(series.map((s) => [s._id, s]))
}

const LATEST_SHOWN = 3

/** "March 2021 $12.98 million, February 2021 $3,000": what a series has, newest first. */
function latestFigures(series: SeriesForFacts): string {
  const known = (series.observations ?? [])
    .filter((o) => o.period && typeof o.primaryValue === 'number')
    .sort((a, b) => (b.period ?? '').localeCompare(a.period ?? ''))
    .slice(0, LATEST_SHOWN)
    .map((o) => `${formatPeriod(o.period ?? '')} ${formatUsd(o.primaryValue ?? 0)}`)
  return known.length > 0 ? `Latest figures: ${known.join(', ')}.` : 'It has no figures yet: import them first.'
}

/** Error: the figure must point at a published series and a period that series has. */
export async function factPointsAtData(fact: StoredTradeFact | undefined, context: ValidationContext): Promise<CustomValidatorResult> {
  const id = fact?.series?._ref
  if (!id || !fact?.period) return true // the series and period fields say what is missing
  const series = (await loadSeries(context, [id])).get(id)
  if (!series) return 'This figure points at a data series that is not published. Choose a published series.'
  const known = series.observations?.some((o) => o.period === fact.period && typeof o.primaryValue === 'number')
  if (known) return true
  return `${series.title ?? 'The series'} has no figure for ${formatPeriod(fact.period)}. ${latestFigures(series)}`
}

/** Error: a "highest since" claim names an earlier period of the same frequency to be checked against. */
export function claimNamesItsPeriods(fact: StoredTradeFact | undefined): CustomValidatorResult {
  if (fact?.show !== 'highestSince' || !fact.period) return true
  const since = fact.comparePeriod?.trim()
  if (!since) return { message: 'Give the period since which this is the highest (e.g. 2020-09).', path: ['comparePeriod'] }
  const sameFrequency = (since.length === 4) === (fact.period.length === 4)
  if (isPeriod(since) && sameFrequency && since < fact.period) return true
  return {
    message: `The claim compares ${fact.period} with an earlier ${fact.period.length === 4 ? 'year (YYYY)' : 'month (YYYY-MM)'}; "${since}" is not one.`,
    path: ['comparePeriod'],
  }
}

const normalised = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()

/** Warning: the text the editor typed should say what the data says, or the story and figure disagree. */
export async function fallbackMatchesData(fact: StoredTradeFact | undefined, context: ValidationContext): Promise<CustomValidatorResult> {
  const id = fact?.series?._ref
  // A change is typed in the story's own words ("a dramatic jump"); a value and a claim read as typed.
  if (!id || !fact?.fallbackText || fact.show === 'change') return true
  const series = (await loadSeries(context, [id])).get(id)
  // Resolved as the page will: a claim names a month of the article's own year without the year.
  const publishedAt = (context.document as { publishedAt?: string } | undefined)?.publishedAt
  const figure = series && resolveTradeFact({ ...fact, series }, publishedAt)
  if (!series || !figure?.ok) return true
  const formatted = figure.text
  if (normalised(fact.fallbackText) === normalised(formatted)) return true
  return `The text as typed, "${fact.fallbackText}", differs from the data: ${series.title ?? 'the series'} for ${formatPeriod(fact.period ?? '')} is ${formatted}. Readers will see ${formatted}.`
}

/** Error on the article: a story goes out only when every figure in it is linked to data. */
export async function everyFigureResolves(
  document: SanityDocument | undefined,
  context: ValidationContext,
): Promise<CustomValidatorResult> {
  const article = document as { body?: BodyBlock[]; publishedAt?: string } | undefined
  const facts = tradeFactsIn(article?.body)
  if (facts.length === 0) return true
  const series = await loadSeries(context, [...new Set(facts.flatMap((f) => f.series?._ref ?? []))])
  const unresolved = facts.filter(
    (fact) => !resolveTradeFact({ ...fact, series: series.get(fact.series?._ref ?? '') }, article?.publishedAt).ok,
  )
  if (unresolved.length === 0) return true
  const texts = unresolved.map((f) => `"${f.fallbackText?.trim() || 'untitled figure'}"`).join(', ')
  const count = unresolved.length === 1 ? '1 figure is' : `${unresolved.length} figures are`
  return `${count} not linked to data (${texts}). Fix ${unresolved.length === 1 ? 'it' : 'them'} before publishing: readers would see ${unresolved.length === 1 ? 'it' : 'them'} marked unverified.`
}
