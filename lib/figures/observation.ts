import type { TradeObservation } from '@/lib/content/sanity.types'

export type ObservationStatus = NonNullable<TradeObservation['status']>

/** One released value of an observation: the current one or an earlier one it replaced. */
export type Release = { primaryValue: number; status?: ObservationStatus; releasedAt: string }

/** Every release of an observation, oldest first. Entries missing a value or date are skipped. */
export function releasesOf(observation: TradeObservation): Release[] {
  const all = [...(observation.history ?? []), observation]
  return all
    .filter((r): r is typeof r & Release => typeof r.primaryValue === 'number' && typeof r.releasedAt === 'string')
    .map(({ primaryValue, status, releasedAt }) => ({ primaryValue, status, releasedAt }))
    .sort((a, b) => Date.parse(a.releasedAt) - Date.parse(b.releasedAt))
}

/** The release a reader saw at a moment: the latest one released at or before it. */
export function releaseAt(observation: TradeObservation, moment: string): Release | undefined {
  const t = Date.parse(moment)
  return releasesOf(observation).findLast((r) => Date.parse(r.releasedAt) <= t)
}
