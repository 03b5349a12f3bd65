import type { LakeDocument } from '../../storage/store'
import type { OrderedDocuments } from '../source'
import type { SearchableType, TextIndex } from './searchableType'
import type { SearchShape } from './shape'

/** Documents beyond a page's end read and tested against the rest of the filter, at first. */
const TEST_BATCH = 32

/** What a search needs of the view it runs in, which shows stored documents under their own ids. */
export type SearchView = {
  searchable: SearchableType
  ordered(field: string): OrderedDocuments
  shows(id: string): boolean
  get(id: string): LakeDocument | undefined
  /** The documents (in the order given) that pass the filter's other conjuncts. */
  test(docs: LakeDocument[]): LakeDocument[]
}

/**
 * A search's page as groq-js gives it, with `_score` on each document, worked out from the text
 * indexes: the documents whose text matches, scored the way `score()` scores them, in the order of
 * `order(_score desc, …)`, ties in dataset order; only the first of them, up to the page's end and
 * a few more, are picked out (not the whole list sorted), read and tested against the rest of the
 * filter. Undefined where groq-js cannot work out a text, or one is still being indexed.
 *
 * groq-js's `score()` sorts by `_score` (stably, so ties stay in dataset order) and `order()`
 * sorts again, ties kept in the order it was given: together, one sort by `_score`, the other
 * keys, then position. A score is the same sum in the same order as groq-js's, so the same number.
 */
export function searchPage(shape: SearchShape, view: SearchView): LakeDocument[] | undefined {
  const { searchable } = view
  const [matching, ...scoringIndexes] = searchable.textIndexes([shape.text, ...shape.scored.map(({ text }) => text)])
  if (!matching || scoringIndexes.some((index) => !index)) return undefined
  if (shape.start >= shape.end || shape.terms.length === 0) return []
  // Candidates by their number here; each one's position and id.
  const positions: number[] = []
  const ids: string[] = []
  for (const position of matching.matching(shape.terms)) {
    const id = searchable.idOf(position)
    if (id === undefined || !view.shows(id)) continue
    positions.push(position)
    ids.push(id)
  }
  const scores = new Float64Array(positions.length)
  ids.forEach((id, i) => {
    scores[i] = searchable.ownScore(id) ?? 0
  })
  shape.scored.forEach(({ terms, boost }, arg) => {
    const index = scoringIndexes[arg] as TextIndex
    const frequencies = terms.map((term) => index.frequencies(term, positions))
    for (let i = 0; i < positions.length; i++) {
      let inner = 0
      for (const counts of frequencies) {
        const frequency = counts[i] as number
        inner += (frequency * 2.2) / (frequency + 1.2)
      }
      scores[i] = (scores[i] as number) + (boost === undefined ? inner : inner > 0 ? inner + boost : 0)
    }
  })
  const rankings = shape.keys.map(({ field, descending }) => ({
    ranks: searchable.ranksIn(view.ordered(field)),
    sign: descending ? -1 : 1,
  }))
  const compare = (a: number, b: number) => {
    const difference = (scores[b] as number) - (scores[a] as number)
    if (difference !== 0) return difference
    const positionA = positions[a] as number
    const positionB = positions[b] as number
    for (const { ranks, sign } of rankings) {
      const by = (ranks[positionA] ?? 0) - (ranks[positionB] ?? 0)
      if (by !== 0) return sign * by
    }
    return positionA - positionB
  }
  // The first documents in order, a batch more than the page needs, then twice as many while too
  // few of them pass the rest of the filter: a page never sorts every match.
  const candidates = positions.map((_, i) => i)
  const passing: { doc: LakeDocument; score: number }[] = []
  let tested = 0
  for (let wanted = shape.end + TEST_BATCH; passing.length < shape.end && tested < candidates.length; wanted *= 2) {
    const first = firstInOrder(candidates, wanted, compare)
    const scored = new Map(first.slice(tested).map((i) => [ids[i] as string, scores[i] as number]))
    tested = first.length
    const docs = [...scored.keys()].flatMap((id) => view.get(id) ?? [])
    for (const doc of view.test(docs)) passing.push({ doc, score: scored.get(doc._id) as number })
  }
  return passing.slice(shape.start, shape.end).map(({ doc, score }) => Object.assign({}, doc, { _score: score }))
}

/** The first `count` of the keys in the order `compare` gives (all of them, sorted, where there are no more). */
function firstInOrder(keys: readonly number[], count: number, compare: (a: number, b: number) => number): number[] {
  if (keys.length <= count) return [...keys].sort(compare)
  const first: number[] = []
  for (const key of keys) {
    if (first.length === count && compare(key, first[count - 1] as number) >= 0) continue
    let low = 0
    let high = first.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (compare(first[middle] as number, key) <= 0) low = middle + 1
      else high = middle
    }
    first.splice(low, 0, key)
    if (first.length > count) first.pop()
  }
  return first
}
