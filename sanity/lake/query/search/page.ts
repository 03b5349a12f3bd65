import type { LakeDocument } from '../../storage/store'
import type { OrderedDocuments } from '../source'
import type { SearchableType } from './searchableType'
import type { SearchShape } from './shape'

/** Documents of a page tested at a time against the rest of the filter, at least. */
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
 * `order(_score desc, …)`, ties in dataset order; only the documents up to the page's end are read
 * and tested against the rest of the filter. Undefined where groq-js cannot work out a text.
 *
 * groq-js's `score()` sorts by `_score` (stably, so ties stay in dataset order) and `order()`
 * sorts again, ties kept in the order it was given: together, one sort by `_score`, the other
 * keys, then position. A score is the same sum in the same order as groq-js's, so the same number.
 */
export function searchPage(shape: SearchShape, view: SearchView): LakeDocument[] | undefined {
  const { searchable } = view
  const [matching, ...scoringIndexes] = searchable.textIndexes([
    { text: shape.text, counting: false },
    ...shape.scored.map(({ text }) => ({ text, counting: true })),
  ])
  const scoring = shape.scored.map((arg, i) => ({ ...arg, index: scoringIndexes[i] }))
  if (!matching || scoring.some(({ index }) => !index)) return undefined
  if (shape.start >= shape.end || shape.terms.length === 0) return []
  const keyCount = searchable.keyCount
  const matched = matching.termsMatched(shape.terms, keyCount)
  const candidates: number[] = []
  for (let key = 0; key < keyCount; key++) {
    if (matched[key] !== shape.terms.length) continue
    const id = searchable.idOf(key)
    if (id !== undefined && view.shows(id)) candidates.push(key)
  }
  const scores = new Float64Array(keyCount)
  for (const key of candidates) scores[key] = searchable.ownScore(key) ?? 0
  for (const { index, terms, boost } of scoring) {
    const frequencies = terms.map((term) => index?.frequencies(term, keyCount) as Uint32Array)
    for (const key of candidates) {
      let inner = 0
      for (const counts of frequencies) {
        const frequency = counts[key] as number
        inner += (frequency * 2.2) / (frequency + 1.2)
      }
      scores[key] = (scores[key] as number) + (boost === undefined ? inner : inner > 0 ? inner + boost : 0)
    }
  }
  const rankings = shape.keys.map(({ field, descending }) => ({
    ranks: searchable.ranksIn(view.ordered(field)),
    sign: descending ? -1 : 1,
  }))
  const ranked = Int32Array.from(candidates).sort((a, b) => {
    const difference = (scores[b] as number) - (scores[a] as number)
    if (difference !== 0) return difference
    for (const { ranks, sign } of rankings) {
      const by = (ranks[a] as number) - (ranks[b] as number)
      if (by !== 0) return sign * by
    }
    return searchable.positionOf(a) - searchable.positionOf(b)
  })
  const passing: { doc: LakeDocument; score: number }[] = []
  for (let at = 0; at < ranked.length && passing.length < shape.end; ) {
    const batch = [...ranked.subarray(at, at + Math.max(TEST_BATCH, shape.end - passing.length))]
    at += batch.length
    const scored = new Map(batch.map((key) => [searchable.idOf(key) as string, scores[key] as number]))
    const docs = [...scored.keys()].flatMap((id) => view.get(id) ?? [])
    for (const doc of view.test(docs)) passing.push({ doc, score: scored.get(doc._id) as number })
  }
  return passing.slice(shape.start, shape.end).map(({ doc, score }) => Object.assign({}, doc, { _score: score }))
}
