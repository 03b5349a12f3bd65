import { isPublishedId } from '../core/ids'
import { isRecord } from '../core/json'
import type { LakeDocument } from './store'

type Release = { _key?: string; _type?: string; primaryValue?: unknown; status?: unknown; releasedAt?: unknown }
type Observation = Release & { period?: unknown; history?: unknown }

const sameRelease = (a: Release, b: Release) => a.primaryValue === b.primaryValue && a.releasedAt === b.releasedAt
const releasesIn = (history: unknown): Release[] => (Array.isArray(history) ? history.filter(isRecord) : [])
const asRelease = (r: Release, key: string): Release => ({
  _key: r._key ?? key,
  _type: 'observationRelease',
  primaryValue: r.primaryValue,
  status: r.status,
  releasedAt: r.releasedAt,
})

/**
 * The embedded lake keeps every release of a published trade series, whatever wrote it (the
 * Studio's form, the importer, a raw mutation): when a write changes an observation's value
 * without moving the old value into its history, or drops history, the lake puts them back; and
 * a value changed without a new release date is dated as released at the write. This is a safety
 * net of this lake only: Sanity's hosted lake runs none of our code, which is why a story also
 * records what its figures showed when it was published (lib/figures/publicationRecord).
 * Observations deleted outright are not kept here; the stories' records keep what they showed.
 */
export function keepReleases(before: LakeDocument | null, after: LakeDocument, timestamp: string): LakeDocument {
  if (!before || after._type !== 'tradeSeries' || !isPublishedId(after._id)) return after
  const earlier = new Map<string, Observation>()
  for (const o of Array.isArray(before.observations) ? before.observations.filter(isRecord) : []) {
    earlier.set(String((o as Observation)._key ?? (o as Observation).period), o as Observation)
  }
  if (!Array.isArray(after.observations) || earlier.size === 0) return after
  let changed = false
  const observations = after.observations.map((item) => {
    if (!isRecord(item)) return item
    const now = item as Observation
    const was = earlier.get(String(now._key ?? now.period))
    if (!was || was.period !== now.period) return item
    const history = releasesIn(now.history)
    const lost = releasesIn(was.history).filter((r) => !history.some((h) => sameRelease(h, r)))
    const replaced = typeof was.primaryValue === 'number' && was.primaryValue !== now.primaryValue
    const replacedUnkept =
      replaced && !history.some((h) => sameRelease(h, was)) ? [asRelease(was, `kept-${Date.parse(timestamp).toString(36)}`)] : []
    const undated = replaced && now.releasedAt === was.releasedAt
    if (lost.length === 0 && replacedUnkept.length === 0 && !undated) return item
    changed = true
    const kept = [...history, ...lost, ...replacedUnkept].sort((a, b) => String(a.releasedAt).localeCompare(String(b.releasedAt)))
    return {
      ...now,
      history: kept,
      ...(undated ? { releasedAt: timestamp, status: now.status === was.status ? 'revised' : now.status } : {}),
    }
  })
  return changed ? { ...after, observations } : after
}
