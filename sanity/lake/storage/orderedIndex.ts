import { isPublishedId } from '../core/ids'
import type { DocumentChange } from './change'
import type { DocumentTable } from './documentTable'

/**
 * One document's place in an ordered index: the value of the ordering field as GROQ's `order()`
 * compares it. GROQ ranks numbers before strings before booleans, and everything else (missing,
 * null, objects, arrays) after them, all equal to each other.
 */
export type OrderEntry = { id: string; rank: number; value: string | number | boolean | null }

const RANK_NUMBER = 2
export const RANK_STRING = 3
const RANK_BOOLEAN = 4
const RANK_OTHER = 100

export function orderEntry(id: string, value: unknown): OrderEntry {
  if (typeof value === 'number') return { id, rank: RANK_NUMBER, value }
  if (typeof value === 'string') return { id, rank: RANK_STRING, value }
  if (typeof value === 'boolean') return { id, rank: RANK_BOOLEAN, value }
  return { id, rank: RANK_OTHER, value: null }
}

/** GROQ's ascending order of two ordering values (0: a tie, which GROQ breaks by dataset position). */
export function compareOrder(a: Omit<OrderEntry, 'id'>, b: Omit<OrderEntry, 'id'>): number {
  if (a.rank !== b.rank) return a.rank - b.rank
  if (a.rank === RANK_STRING) return (a.value as string) < (b.value as string) ? -1 : (a.value as string) > (b.value as string) ? 1 : 0
  if (a.rank === RANK_NUMBER || a.rank === RANK_BOOLEAN) return Number(a.value) - Number(b.value)
  return 0
}

/** The index's own total order: GROQ's order, then the id, so every entry has one place. */
function compareEntries(a: OrderEntry, b: OrderEntry): number {
  return compareOrder(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** A UTC timestamp exactly as `toISOString()` writes it: strings in this form sort in time order. */
function isCanonicalTimestamp(value: string): boolean {
  if (value.length !== 24 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false
  const time = Date.parse(value)
  return Number.isFinite(time) && new Date(time).toISOString() === value
}

/** Which stored documents an ordered index holds: all of the type, or only the published ones. */
export type OrderedScope = 'all' | 'published'

/** What a query walks: the entries ascending in GROQ's order, and whether its string values all sort in time order. */
export type OrderedList = { entries: readonly OrderEntry[]; timestampsInOrder: boolean }

/** Documents of one type sorted by one top-level field, kept sorted as documents change. */
class OrderedIndex implements OrderedList {
  /** String values that are not canonical timestamps: while there are none, string order is time order. */
  private irregular = 0

  constructor(
    readonly type: string,
    readonly field: string,
    readonly scope: OrderedScope,
    readonly entries: OrderEntry[],
  ) {
    entries.sort(compareEntries)
    for (const entry of entries) this.count(entry, 1)
  }

  get timestampsInOrder(): boolean {
    return this.irregular === 0
  }

  holds(id: string): boolean {
    return this.scope === 'all' || isPublishedId(id)
  }

  insert(entry: OrderEntry) {
    this.entries.splice(this.search(entry), 0, entry)
    this.count(entry, 1)
  }

  remove(entry: OrderEntry) {
    const at = this.search(entry)
    if (this.entries[at]?.id !== entry.id) return
    this.entries.splice(at, 1)
    this.count(entry, -1)
  }

  private count(entry: OrderEntry, delta: number) {
    if (entry.rank === RANK_STRING && !isCanonicalTimestamp(entry.value as string)) this.irregular += delta
  }

  /** The first position whose entry is not before `entry`. */
  private search(entry: OrderEntry): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (compareEntries(this.entries[mid] as OrderEntry, entry) < 0) low = mid + 1
      else high = mid
    }
    return low
  }
}

/**
 * The ordered indexes queries have asked for: each built from the table's stored field values
 * (not from parsed documents) on first use, and kept up to date by every commit after that.
 */
export class OrderedIndexes {
  /** By `type`, field and scope. */
  private readonly ordered = new Map<string, OrderedIndex>()
  /** By `type` and field, for each referenced id a query has asked about, the documents of the type referencing it, sorted. */
  private readonly byReference = new Map<string, { type: string; field: string; byRef: Map<string, OrderedIndex> }>()

  constructor(private readonly table: DocumentTable) {}

  /**
   * The documents of `type` (all, or only the published ones), ascending in GROQ's order of their
   * top-level `field` (ties in no particular order), and whether its string values all sort in
   * time order.
   */
  orderedBy(type: string, field: string, scope: OrderedScope): OrderedList {
    const key = `${type}\u0000${field}\u0000${scope}`
    let index = this.ordered.get(key)
    if (!index) {
      const entries: OrderEntry[] = []
      for (const [id, value] of this.table.fieldOfType(type, field))
        if (scope === 'all' || isPublishedId(id)) entries.push(orderEntry(id, value))
      index = new OrderedIndex(type, field, scope, entries)
      this.ordered.set(key, index)
    }
    return index
  }

  /** The documents of `type` holding a reference to `refId` (those `references(refId)` matches), in the order of `field` as `orderedBy` gives it. */
  orderedReferencing(type: string, field: string, refId: string): OrderedList {
    const key = `${type}\u0000${field}`
    let index = this.byReference.get(key)
    if (!index) {
      index = { type, field, byRef: new Map() }
      this.byReference.set(key, index)
    }
    let list = index.byRef.get(refId)
    if (!list) {
      const entries = [...this.table.fieldReferencing(type, field, refId)].map(([id, value]) => orderEntry(id, value))
      list = new OrderedIndex(type, field, 'all', entries)
      index.byRef.set(refId, list)
    }
    return list
  }

  /** Drops every index, to be built again on next use: cheaper than updating each for a large transaction. */
  clear(): void {
    this.ordered.clear()
    this.byReference.clear()
  }

  /** Moves the document's entries to where its change puts them, in every index that holds it. */
  apply({ id, before, after, refsBefore, refsAfter }: DocumentChange): void {
    for (const index of this.ordered.values()) {
      if (!index.holds(id)) continue
      const entryBefore = before?._type === index.type ? orderEntry(id, before[index.field]) : undefined
      const entryAfter = after?._type === index.type ? orderEntry(id, after[index.field]) : undefined
      if (entryBefore && entryAfter && compareOrder(entryBefore, entryAfter) === 0) continue
      if (entryBefore) index.remove(entryBefore)
      if (entryAfter) index.insert(entryAfter)
    }
    for (const { type, field, byRef } of this.byReference.values()) {
      const entryBefore = before?._type === type ? orderEntry(id, before[field]) : undefined
      const entryAfter = after?._type === type ? orderEntry(id, after[field]) : undefined
      const same = entryBefore && entryAfter && compareOrder(entryBefore, entryAfter) === 0
      if (entryBefore) for (const ref of refsBefore) if (!same || !refsAfter.has(ref)) byRef.get(ref)?.remove(entryBefore)
      if (entryAfter) {
        // A list not built yet is built from the documents as they are when it is first asked for.
        for (const ref of refsAfter) if (!same || !refsBefore.has(ref)) byRef.get(ref)?.insert(entryAfter)
      }
    }
  }
}
