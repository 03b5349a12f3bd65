import { type FigureRecord, figureIdentity } from './figureRecord'
import { releaseAt } from './observation'
import { comparisonPeriod, resolveTradeFact, type SeriesForFacts, type TradeFactInput } from './resolveTradeFact'

type RecordableFact = TradeFactInput & { _key?: string }

/** The series as it stood at `moment`: each observation at its latest release then; those not yet released are left out. */
export function seriesAsOf(series: SeriesForFacts, moment: string): SeriesForFacts {
  return {
    ...series,
    observations: (series.observations ?? []).flatMap((observation) => {
      const release = releaseAt(observation, moment)
      return release ? [{ ...observation, ...release, history: [] }] : []
    }),
  }
}

/** What one figure shows from the data as it stood at `moment`, as the site would show it then; undefined if it would not resolve. */
export function recordFigure(
  fact: RecordableFact,
  moment: string,
  recordedAt: string,
  publishedAt: string = moment,
): FigureRecord | undefined {
  const series = fact.series && seriesAsOf(fact.series, moment)
  // Worded as the story's page words it: a claim names a month's year only when it differs from the story's.
  const resolved = resolveTradeFact({ ...fact, series, published: undefined }, publishedAt)
  if (!fact._key || !series || !resolved.ok) return undefined
  const show = fact.show || 'value'
  const periods = show === 'change' ? [resolved.period, comparisonPeriod(fact)] : [resolved.period]
  const readings = periods.flatMap((period) => {
    const o = series.observations?.find((observation) => observation.period === period)
    return o && typeof o.primaryValue === 'number'
      ? [
          {
            _key: period ?? '',
            _type: 'figureReading' as const,
            period,
            primaryValue: o.primaryValue,
            status: o.status,
            releasedAt: o.releasedAt,
          },
        ]
      : []
  })
  return {
    _key: fact._key,
    _type: 'publishedFigure',
    seriesId: series._id,
    seriesTitle: resolved.seriesTitle,
    seriesSlug: resolved.seriesSlug,
    sourceName: resolved.sourceName,
    period: resolved.period,
    show,
    ...(fact.comparePeriod ? { comparePeriod: fact.comparePeriod } : {}),
    text: resolved.text,
    readings,
    recordedAt,
  }
}

/**
 * A story's record of its figures at publication. A story's published value is the one at its first
 * publication: records already made for figures that still stand as recorded are kept as they are,
 * records of figures since removed stay as history, and figures new to the story (or re-pointed at
 * other data) are recorded from the data as it stands at `moment`.
 */
export function recordFigures(
  facts: RecordableFact[],
  {
    moment,
    recordedAt,
    existing,
    publishedAt,
  }: { moment: string; recordedAt: string; existing?: FigureRecord[] | null; publishedAt?: string | null },
): FigureRecord[] {
  const kept = new Map((existing ?? []).map((record) => [record._key, record]))
  for (const fact of facts) {
    const old = fact._key ? kept.get(fact._key) : undefined
    if (old && figureIdentity(old) === figureIdentity({ ...fact, seriesId: fact.seriesRef ?? fact.series?._id })) continue
    const made = recordFigure(fact, moment, recordedAt, publishedAt ?? moment)
    if (made) kept.set(made._key, made)
  }
  return [...kept.values()]
}
