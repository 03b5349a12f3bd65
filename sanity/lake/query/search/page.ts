import { compareOrder, type LakeDocument } from '../../storage/store'
import type { AstNode } from '../ast'
import type { OrderedDocuments } from '../source'
import type { TextFieldIndex } from './fieldIndex'
import type { SearchShape } from './shape'

/** Documents of a page tested at a time against the rest of the filter, at least. */
const TEST_BATCH = 32

/** What a search needs of the view it runs in; each id is a stored id that the view shows as itself. */
export type SearchView = {
  textIndex(text: AstNode, counting: boolean): TextFieldIndex | undefined
  ordered(field: string): OrderedDocuments
  shows(id: string): boolean
  position(id: string): number
  get(id: string): LakeDocument | undefined
  /** The documents (in the order given) that pass the filter's other conjuncts. */
  test(docs: LakeDocument[]): LakeDocument[]
}

type Ranked = { id: string; score: number; ranks: number[]; position: number }

/**
 * A search's page as groq-js gives it, with `_score` on each document, worked out from the text
 * indexes: the documents whose text matches, scored the way `score()` scores them, in the order of
 * `order(_score desc, …)`, ties in dataset order; only the documents up to the page's end are read
 * and tested against the rest of the filter. Undefined where the view has no text index.
 *
 * groq-js's `score()` sorts by `_score` (stably, so ties stay in dataset order) and `order()`
 * sorts again, ties kept in the order it was given: together, one sort by `_score`, the other
 * keys, then position. A score is the same sum in the same order as groq-js's, so the same number.
 */
export function searchPage(shape: SearchShape, view: SearchView): LakeDocument[] | undefined {
  const matching = view.textIndex(shape.text, false)
  const scoring = shape.scored.map((arg) => ({ ...arg, index: view.textIndex(arg.text, true) }))
  if (!matching || scoring.some(({ index }) => !index) || shape.start >= shape.end) return matching && []
  const rankings = shape.keys.map(({ field, descending }) => ({ ranks: ranksOf(view.ordered(field)), sign: descending ? -1 : 1 }))
  const frequencies = scoring.map(({ index, terms }) => terms.map((term) => (index as TextFieldIndex).frequencies(term)))
  const ranked: Ranked[] = []
  for (const key of matching.keysMatchingAll(shape.terms)) {
    const id = matching.idOf(key) as string
    if (!view.shows(id)) continue
    let score = matching.ownScore(id) ?? 0
    scoring.forEach(({ index, boost }, i) => {
      const at = (index as TextFieldIndex).keyOfId(id)
      let inner = 0
      for (const counts of frequencies[i] as Uint32Array[]) {
        const frequency = at === undefined ? 0 : (counts[at] as number)
        inner += (frequency * 2.2) / (frequency + 1.2)
      }
      score += boost === undefined ? inner : inner > 0 ? inner + boost : 0
    })
    ranked.push({ id, score, ranks: rankings.map(({ ranks }) => ranks.get(id) ?? 0), position: view.position(id) })
  }
  ranked.sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score
    for (let i = 0; i < rankings.length; i++) {
      const difference = (a.ranks[i] as number) - (b.ranks[i] as number)
      if (difference !== 0) return (rankings[i] as { sign: number }).sign * difference
    }
    return a.position - b.position
  })
  const passing: { doc: LakeDocument; score: number }[] = []
  for (let at = 0; at < ranked.length && passing.length < shape.end; ) {
    const batch = ranked.slice(at, at + Math.max(TEST_BATCH, shape.end - passing.length))
    at += batch.length
    const scores = new Map(batch.map(({ id, score }) => [id, score]))
    const docs = batch.flatMap(({ id }) => view.get(id) ?? [])
    for (const doc of view.test(docs)) passing.push({ doc, score: scores.get(doc._id) as number })
  }
  return passing.slice(shape.start, shape.end).map(({ doc, score }) => Object.assign({}, doc, { _score: score }))
}

/** Each document's place in a field's order, tied documents sharing one. */
function ranksOf({ entries }: OrderedDocuments): Map<string, number> {
  const ranks = new Map<string, number>()
  let rank = 0
  entries.forEach((entry, i) => {
    if (i > 0 && compareOrder(entries[i - 1] as (typeof entries)[number], entry) !== 0) rank++
    ranks.set(entry.id, rank)
  })
  return ranks
}
