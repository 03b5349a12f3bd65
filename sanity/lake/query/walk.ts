import { compareOrder, type OrderEntry, orderEntry, RANK_STRING } from '../storage/orderedIndex'
import type { LakeDocument } from '../storage/store'
import type { AstNode } from './ast'
import type { Site } from './sites'
import type { OrderedDocuments } from './source'

/** Documents tested at once while walking in order: at first, and at most. */
const FIRST_BATCH = 32
const LARGEST_BATCH = 4096

/** `inRange`: the walk's range conjunct is known to hold for the document (see `stopRange`). */
export type Item = { doc: LakeDocument; entry: OrderEntry; inRange?: boolean }
/**
 * Documents in order, one at a time; `skipStrings` passes over the rest of the string values.
 * `next(tiedWith)` gives only a document tied with that entry, and none once the entries (kept or
 * passed over) no longer are: ties are contiguous, so the end of a run is found without looking
 * for the next document that would be kept.
 */
export type Cursor = { next(tiedWith?: OrderEntry): Item | undefined; skipStrings(): void }
export type Test = (docs: LakeDocument[], expr?: AstNode) => LakeDocument[]

/**
 * Takes documents from the cursor in order and keeps those that pass the test (tested in
 * batches) until `limit` have passed, and after that every later one tied with the last kept
 * that passes. With `stop`, a conjunct whose failures among string values are final, passes over
 * the rest of the string values once one fails it. Undefined if `giveUp` says so first.
 *
 * Items marked `inRange` are tested with `inRange`, which leaves out the range conjunct they pass.
 *
 * With an `offset`, the first `offset` passing documents are not kept, except those tied with the
 * last of them (`skipped` of the items): which of a tied run come first is decided only once the
 * run is put in dataset order, after which the caller drops the first `skipped`.
 */
export function walk(
  cursor: Cursor,
  limit: number,
  test: Test,
  stop: AstNode | undefined,
  giveUp?: () => boolean,
  offset = 0,
  inRange?: Test,
): { items: Item[]; skipped: number } | undefined {
  let kept: Item[] = []
  let passedCount = 0
  /** Passing documents before the offset, tied with the last of them. */
  let skippedRun: Item[] = []
  let batch: Item[] = []
  let batchSize = Math.min(limit, FIRST_BATCH)
  let tested = 0
  let boundary: OrderEntry | undefined
  let done = false
  const flush = () => {
    const passed = new Set(
      inRange
        ? [
            ...test(batch.flatMap((item) => (item.inRange ? [] : [item.doc]))),
            ...inRange(batch.flatMap((item) => (item.inRange ? [item.doc] : []))),
          ]
        : test(batch.map(({ doc }) => doc)),
    )
    const failedStrings: LakeDocument[] = []
    for (const item of batch) {
      if (boundary && compareOrder(item.entry, boundary) !== 0) {
        done = true
        break
      }
      if (passed.has(item.doc)) {
        if (passedCount < offset) {
          if (skippedRun.length > 0 && compareOrder((skippedRun[0] as Item).entry, item.entry) !== 0) skippedRun = []
          skippedRun.push(item)
        } else {
          kept.push(item)
        }
        passedCount++
        if (!boundary && passedCount === limit) boundary = item.entry
      } else if (stop && !boundary && item.entry.rank === RANK_STRING) {
        failedStrings.push(item.doc)
      }
    }
    if (stop && !boundary && failedStrings.length > 0 && test(failedStrings, stop).length < failedStrings.length) cursor.skipStrings()
    tested += batch.length
    batch = []
    // Twice the last batch, but no more than the documents still wanted at the pass rate so far (and a few).
    const wanted = (limit - passedCount) * (tested / Math.max(passedCount, 1)) + 4
    batchSize = Math.max(8, Math.min(Math.ceil(wanted), batchSize * 2, LARGEST_BATCH))
  }
  while (!done) {
    const item = cursor.next(boundary)
    if (!item) break
    if (boundary && compareOrder(item.entry, boundary) !== 0) break
    batch.push(item)
    if (batch.length >= batchSize) flush()
    if (!boundary && giveUp?.()) return undefined
  }
  if (batch.length > 0 && !done) flush()
  kept = [...skippedRun, ...kept]
  return { items: kept, skipped: skippedRun.length }
}

/** Walk positions: where the string values begin and end, and where the range conjunct stops holding among them. */
export type StopRange = { stringsStart: number; holdsUntil: number; stringsEnd: number }

/**
 * Where, among the string values of an ordered index (in the walk's direction), the range conjunct
 * on the ordering field stops holding: it holds up to a point and not after (`stopCondition`), and
 * reads only the field, so halving the block of strings finds the point with a handful of tests on
 * the values alone.
 */
export function stopRange(entries: readonly OrderEntry[], order: NonNullable<Site['order']>, stop: AstNode, test: Test): StopRange {
  const at = (k: number) => entries[order.descending ? entries.length - 1 - k : k] as OrderEntry
  const firstWhere = (from: number, to: number, fails: (k: number) => boolean) => {
    let low = from
    let high = to
    while (low < high) {
      const mid = (low + high) >>> 1
      if (fails(mid)) high = mid
      else low = mid + 1
    }
    return low
  }
  // In the walk's direction ranks run up (ascending) or down (descending) through the strings.
  const beforeStrings = (k: number) => (order.descending ? at(k).rank > RANK_STRING : at(k).rank < RANK_STRING)
  const stringsStart = firstWhere(0, entries.length, (k) => !beforeStrings(k))
  const stringsEnd = firstWhere(stringsStart, entries.length, (k) => at(k).rank !== RANK_STRING)
  const holds = (k: number) => test([{ [order.field]: at(k).value } as unknown as LakeDocument], stop).length === 1
  const holdsUntil = firstWhere(stringsStart, stringsEnd, (k) => !holds(k))
  return { stringsStart, holdsUntil, stringsEnd }
}

/**
 * How many entries, in the walk's direction, come before the `offset`-th where every entry is a
 * passing document: the offset, less the entries before it that are tied with it (their order
 * among themselves is settled later, by dataset position).
 */
export function entriesBefore(entries: readonly OrderEntry[], descending: boolean, offset: number): number {
  if (offset <= 0) return 0
  if (offset >= entries.length) return entries.length
  const at = (k: number) => entries[descending ? entries.length - 1 - k : k] as OrderEntry
  const target = at(offset)
  let k = offset
  while (k > 0 && compareOrder(at(k - 1), target) === 0) k--
  return k
}

/**
 * `entriesBefore` where not every entry passes, but whether one does is mostly `known` from its
 * id, the document being read (`passes`) only where it is not: how many entries come before the
 * `offset`-th passing one, less those tied with it, and how many of those pass.
 */
export function passingBefore(
  entries: readonly OrderEntry[],
  descending: boolean,
  offset: number,
  known: (id: string) => boolean | undefined,
  passes: (id: string) => boolean,
): { entries: number; passing: number } {
  if (offset <= 0) return { entries: 0, passing: 0 }
  const at = (k: number) => entries[descending ? entries.length - 1 - k : k] as OrderEntry
  const pass = (k: number) => known(at(k).id) ?? passes(at(k).id)
  let passing = 0
  let k = 0
  for (; k < entries.length; k++) {
    if (!pass(k)) continue
    if (passing === offset) break
    passing++
  }
  if (k === entries.length) return { entries: k, passing }
  const target = at(k)
  while (k > 0 && compareOrder(at(k - 1), target) === 0) {
    k--
    if (pass(k)) passing--
  }
  return { entries: k, passing }
}

/** Documents in GROQ's order of the site's field (a stable sort, so ties keep the order they came in). */
export function sortedByField(docs: LakeDocument[], order: NonNullable<Site['order']>): LakeDocument[] {
  const sign = order.descending ? -1 : 1
  return docs
    .map((doc) => ({ doc, entry: orderEntry(doc._id, doc[order.field]) }))
    .sort((a, b) => sign * compareOrder(a.entry, b.entry))
    .map(({ doc }) => doc)
}

/** Where the walk continues after the block of string values it is in. */
export function endOfStrings(entries: readonly OrderEntry[], from: number, step: number): number {
  let low = 0
  let high = entries.length
  if (step > 0) {
    // First entry ranked after strings.
    low = from
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((entries[mid] as OrderEntry).rank <= RANK_STRING) low = mid + 1
      else high = mid
    }
    return low
  }
  // Last entry ranked before strings.
  high = from + 1
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((entries[mid] as OrderEntry).rank < RANK_STRING) low = mid + 1
    else high = mid
  }
  return low - 1
}

/** The stored entries of an ordered index in the query's direction, as the view shows them; with `members`, only those in one of the sets. */
export function indexCursor(
  ordered: OrderedDocuments,
  descending: boolean,
  members: readonly ReadonlySet<string>[] | undefined,
  viewOf: ((storedId: string) => LakeDocument | undefined) | undefined,
  passed = 0,
  range?: StopRange,
) {
  const { entries, shows } = ordered
  const step = descending ? -1 : 1
  const only = members?.length === 1 ? members[0] : undefined
  const isMember = members && (only ? (id: string) => only.has(id) : (id: string) => members.some((set) => set.has(id)))
  /** Walk positions (0 for the first entry in the walk's direction) and indexes into `entries`, both ways. */
  const raw = (k: number) => (descending ? entries.length - 1 - k : k)
  let i = raw(passed)
  const cursor = {
    visited: 0,
    timestampsInOrder: ordered.timestampsInOrder,
    next(tiedWith?: OrderEntry): Item | undefined {
      while (i >= 0 && i < entries.length) {
        const k = raw(i)
        if (range && k >= range.holdsUntil && k < range.stringsEnd) {
          // The rest of the strings fail the range conjunct.
          i = raw(range.stringsEnd)
          continue
        }
        const entry = entries[i] as OrderEntry
        if (tiedWith && compareOrder(entry, tiedWith) !== 0) return undefined
        i += step
        cursor.visited++
        if (!shows(entry.id) || (isMember && !isMember(entry.id))) continue
        const doc = viewOf?.(entry.id)
        if (doc) return range && k >= range.stringsStart && k < range.holdsUntil ? { doc, entry, inRange: true } : { doc, entry }
      }
      return undefined
    },
    skipStrings() {
      if (entries[i]?.rank === RANK_STRING) i = endOfStrings(entries, i, step)
    },
  }
  return cursor
}
