/** A word's (or a prefix's words') postings in one text: the positions of the documents holding it, ascending, with how many of the text's tokens it is in each. */
export type PostingList = { positions: Int32Array; counts: Uint32Array }

/** Postings (of one word or several) as one list in position order, each position once with its counts summed. */
export function byPosition(positions: number[], counts: number[]): PostingList {
  const order = positions.map((_, i) => i)
  // A word's postings are in position order already; those of several words need sorting.
  if (positions.some((position, i) => i > 0 && position <= (positions[i - 1] as number))) {
    order.sort((a, b) => (positions[a] as number) - (positions[b] as number))
  }
  const list = { positions: new Int32Array(positions.length), counts: new Uint32Array(positions.length) }
  let length = 0
  for (const i of order) {
    if (length > 0 && list.positions[length - 1] === positions[i]) {
      list.counts[length - 1] = (list.counts[length - 1] as number) + (counts[i] as number)
      continue
    }
    list.positions[length] = positions[i] as number
    list.counts[length] = counts[i] as number
    length++
  }
  return { positions: list.positions.slice(0, length), counts: list.counts.slice(0, length) }
}

/**
 * Calls `found(i, at)` for each candidate (ascending) that is in the list, at `at`, in order: by
 * binary search for a few candidates, else walking both.
 */
export function findEach(positions: Int32Array, candidates: readonly number[], found: (i: number, at: number) => void): void {
  if (candidates.length * 16 < positions.length) {
    candidates.forEach((position, i) => {
      const at = indexIn(positions, position)
      if (at >= 0) found(i, at)
    })
    return
  }
  let at = 0
  candidates.forEach((position, i) => {
    while (at < positions.length && (positions[at] as number) < position) at++
    if (positions[at] === position) found(i, at)
  })
}

/** Where a position is in an ascending list, or -1. */
function indexIn(positions: Int32Array, position: number): number {
  let low = 0
  let high = positions.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((positions[middle] as number) < position) low = middle + 1
    else high = middle
  }
  return positions[low] === position ? low : -1
}
