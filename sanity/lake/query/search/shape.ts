import { type SearchTerm, searchTermsOf } from '../../storage/searchWords'
import { type AstNode, conjuncts, nodesOf } from '../ast'

/**
 * A ranked search the lake answers from its text indexes (search/page.ts):
 *
 *   *[… && TEXT match PATTERN && …] | score(SCORED…) | order(_score desc, field…)[a...b]
 *
 * where TEXT and each scored text depend on the document alone, each PATTERN is a constant whose
 * terms the index answers exactly (words.ts), each scored argument is `text match pattern` or
 * `boost(text match pattern, number)`, and the keys after `_score` are top-level fields.
 */
export type SearchShape = {
  /** The node the lake's answer stands in for: the slice, or the `order()` where none follows. */
  node: AstNode
  /** The `*[…]` at its bottom. */
  filter: AstNode
  /** The `match` conjunct the index answers, known to hold for every document it gives. */
  match: AstNode
  text: AstNode
  terms: SearchTerm[]
  scored: { text: AstNode; terms: SearchTerm[]; boost: number | undefined }[]
  keys: { field: string; descending: boolean }[]
  start: number
  end: number
}

/** What a text may be built from to depend on the document alone (and evaluate the same anywhere). */
const DOCUMENT_ONLY_NODES = new Set([
  'AccessAttribute',
  'AccessElement',
  'And',
  'Array',
  'ArrayCoerce',
  'ArrayElement',
  'FlatMap',
  'Filter',
  'Group',
  'Map',
  'Not',
  'OpCall',
  'Or',
  'Projection',
  'Slice',
  'This',
  'Value',
])
const DOCUMENT_ONLY_FUNCTIONS = new Set([
  'global::coalesce',
  'global::defined',
  'global::lower',
  'global::upper',
  'array::compact',
  'pt::text',
])

function isDocumentOnly(node: AstNode): boolean {
  return nodesOf(node).every(
    (n) => DOCUMENT_ONLY_NODES.has(n.type) || (n.type === 'FuncCall' && DOCUMENT_ONLY_FUNCTIONS.has(`${n.namespace}::${n.name}`)),
  )
}

/** `text match pattern` with a text of the document and a pattern the index answers exactly. */
function indexedMatch(node: AstNode | undefined): { text: AstNode; terms: SearchTerm[] } | undefined {
  if (node?.type !== 'OpCall' || node.op !== 'match') return undefined
  const text = node.left as AstNode
  const pattern = node.right as AstNode
  const terms = pattern.type === 'Value' ? searchTermsOf(pattern.value) : undefined
  return terms && isDocumentOnly(text) ? { text, terms } : undefined
}

function scoredArgument(node: AstNode): SearchShape['scored'][number] | undefined {
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'boost') {
    const [matched, boost] = node.args as AstNode[]
    const found = indexedMatch(matched)
    return found && boost?.type === 'Value' && typeof boost.value === 'number' ? { ...found, boost: boost.value } : undefined
  }
  const found = indexedMatch(node)
  return found && { ...found, boost: undefined }
}

function orderKey(node: AstNode): SearchShape['keys'][number] | undefined {
  const descending = node.type === 'Desc'
  const key = node.type === 'Desc' || node.type === 'Asc' ? (node.base as AstNode) : node
  if (key.type !== 'AccessAttribute' || key.base !== undefined) return undefined
  return { field: key.name as string, descending }
}

/** The search a filtered `*` is the bottom of, if the query has that shape around it. */
export function searchShapeOf(filter: AstNode, parents: Map<AstNode, AstNode>): SearchShape | undefined {
  const match = conjuncts(filter.expr as AstNode).find((part) => indexedMatch(part))
  const found = indexedMatch(match)
  const score = parents.get(filter)
  if (!match || !found || score?.type !== 'PipeFuncCall' || score.name !== 'score' || score.base !== filter) return undefined
  const scored = (score.args as AstNode[]).map(scoredArgument)
  if (!scored.every((arg) => arg !== undefined)) return undefined
  const order = parents.get(score)
  if (order?.type !== 'PipeFuncCall' || order.name !== 'order' || order.base !== score) return undefined
  const [first, ...rest] = (order.args as AstNode[]).map(orderKey)
  if (!first?.descending || first.field !== '_score') return undefined
  const keys = rest.filter((key) => key !== undefined)
  if (keys.length !== rest.length || keys.some(({ field }) => field === '_score' || field === '_id')) return undefined
  const shape = { filter, match, ...found, scored, keys }
  const slice = parents.get(order)
  if (slice?.type !== 'Slice' || slice.base !== order) return { ...shape, node: order, start: 0, end: Number.POSITIVE_INFINITY }
  const { left, right, isInclusive } = slice as unknown as { left: number; right: number; isInclusive: boolean }
  if (!Number.isInteger(left) || !Number.isInteger(right) || left < 0 || right < 0) return undefined
  return { ...shape, node: slice, start: left, end: isInclusive ? right + 1 : right }
}
