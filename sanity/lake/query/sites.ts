import { indexableTerms, type TextTerm } from '../storage/textIndex'
import { type AstNode, childrenOf, conjuncts, fieldName, isConstant, type ScopeState, scopeOfChild } from './ast'
import type { SearchShape } from './search/shape'

type IndexedTest =
  | { kind: 'id' | 'type' | 'slug' | 'references'; values: string[] }
  /** `references(^._id)`: the document citing the one in whose projection this `*` stands. */
  | { kind: 'referencesParent' }
  /**
   * `text match "words"` on the document's own strings: the word index gives the documents that
   * can match, a superset, so unlike the others this conjunct is still tested on each of them.
   */
  | { kind: 'text'; terms: TextTerm[] }

/** A conjunct of F an index answers; `node` is true of every document the index gives for it. */
export type Conjunct = IndexedTest & { node: AstNode }

/**
 * How F can be tested on a document outside the query: `free` when it does not look outside
 * itself; `root` when it reads `^` of a `*` at the top of the query (the query's root, null);
 * `parentId` when its only outside reads are `^._id`, which the tag carries.
 */
type Testable = 'free' | 'root' | 'parentId' | 'no'

export type Site = {
  tag: string
  filter: AstNode
  conjuncts: Conjunct[]
  testable: Testable
  /** `*[F]` was replaced as a whole: the lake answers with exactly the passing documents. */
  exact: boolean
  /** F without the conjuncts an index answered, by which ones. */
  simplified: Map<string, AstNode>
  order?: {
    field: string
    descending: boolean
    /** A conjunct on the ordering field (`field > x`, `dateTime(field) > x`...) that, once false, stays false further along. */
    stop?: { node: AstNode; timestamps: boolean }
  }
  /** How many leading results of the ordered matches the query uses. */
  limit?: number
  /**
   * How many leading results the query skips (`[a...b]` with a > 0, or `[i]`), where the order has
   * one key. When the site is exact the lake leaves them out itself and the slice is shifted to
   * start at 0, so neither the lake nor groq-js handles the documents before it.
   */
  offset?: number
  /** The slice or element access that follows `| order()`, shifted by the offset in the plan. */
  slice?: AstNode
  /**
   * `| order(field)` with that one key: an exact site returns its documents in that order (ties in
   * dataset order, as groq-js's stable sort leaves them), so the plan leaves the sorting out.
   */
  sort?: AstNode
  /** `*[F] | score(…) | order(_score desc, …)[a...b]`, which an exact site answers as a whole from text indexes. */
  search?: SearchShape
  /** `count(*[F])`, which an exact site answers itself (as a number), where it can without resolving the documents. */
  count?: AstNode
}

export function analyseSite(tag: string, filter: AstNode, scope: ScopeState, parents: Map<AstNode, AstNode>): Site | undefined {
  const expr = filter.expr as AstNode
  const parts = conjuncts(expr)
  // `^` inside F means the document this `*` is evaluated for only where that scope is not hidden.
  const conjunctsFound = parts.flatMap((part): Conjunct[] => {
    const found = indexedConjunct(part)
    return found && (found.kind !== 'referencesParent' || !scope.hidden) ? [{ ...found, node: part }] : []
  })
  if (conjunctsFound.length === 0) return undefined
  const site: Site = { tag, filter, conjuncts: conjunctsFound, testable: testability(expr, scope), exact: false, simplified: new Map() }
  if (site.testable === 'parentId' && !conjunctsFound.some((c) => c.kind === 'referencesParent')) site.testable = 'no'
  const counted = parents.get(filter)
  const args = counted?.args as AstNode[] | undefined
  if (
    counted?.type === 'FuncCall' &&
    counted.namespace === 'global' &&
    counted.name === 'count' &&
    args?.length === 1 &&
    args[0] === filter
  )
    site.count = counted

  // What follows the filter: `| order(field)`, then `[a...b]` or `[i]`.
  let current: AstNode = filter
  const up = () => {
    let parent = parents.get(current)
    while (parent?.type === 'Group' && parent.base === current) {
      current = parent
      parent = parents.get(current)
    }
    return parent
  }
  const piped = up()
  if (piped?.type !== 'PipeFuncCall' || piped.name !== 'order' || piped.base !== current) return site
  const first = (piped.args as AstNode[])[0]
  const descending = first?.type === 'Desc'
  const key = first?.type === 'Desc' || first?.type === 'Asc' ? (first.base as AstNode) : first
  if (key?.type !== 'AccessAttribute' || key.base !== undefined || key.name === '_id' || key.name === '_originalId') return site
  const field = key.name as string
  site.order = { field, descending, stop: parts.map((part) => stopCondition(part, field, descending)).find(Boolean) }
  current = piped
  const sliced = up()
  // With one key, the documents before the slice are known once the lake has them in order.
  const oneKey = (piped.args as AstNode[]).length === 1
  if (oneKey) site.sort = piped
  if (sliced?.type === 'Slice' && sliced.base === current) {
    const { left, right, isInclusive } = sliced as unknown as { left: number; right: number; isInclusive: boolean }
    if (left >= 0 && right >= 0) site.limit = isInclusive ? right + 1 : right
    if (oneKey && left > 0 && site.limit !== undefined && site.limit > left) {
      site.offset = left
      site.slice = sliced
    }
  } else if (sliced?.type === 'AccessElement' && sliced.base === current) {
    const index = sliced.index as number
    if (index >= 0) site.limit = index + 1
    if (oneKey && index > 0) {
      site.offset = index
      site.slice = sliced
    }
  }
  return site
}

function indexedConjunct(node: AstNode): IndexedTest | undefined {
  if (node.type === 'OpCall' && node.op === 'match') {
    const pattern = node.right as AstNode
    const terms = pattern.type === 'Value' && typeof pattern.value === 'string' ? indexableTerms(pattern.value) : undefined
    return terms && ownStrings(node.left as AstNode) ? { kind: 'text', terms } : undefined
  }
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
    const args = node.args as AstNode[]
    if (args.length === 1 && isParentId(args[0] as AstNode)) return { kind: 'referencesParent' }
    const values = stringValues(args)
    return values && { kind: 'references', values }
  }
  if (node.type !== 'OpCall') return undefined
  const left = node.left as AstNode
  const right = node.right as AstNode
  let field: string | undefined
  let values: string[] | undefined
  if (node.op === '==') {
    field = fieldName(left) ?? fieldName(right)
    values = stringValues([fieldName(left) ? right : left])
  } else if (node.op === 'in') {
    field = fieldName(left)
    if (right.type === 'Array') {
      const elements = right.elements as AstNode[]
      values = elements.some((element) => element.isSplat) ? undefined : stringValues(elements.map((element) => element.value as AstNode))
    } else if (right.type === 'Value' && Array.isArray(right.value)) {
      values = stringValues(right.value.map((value) => ({ type: 'Value', value })))
    }
  }
  if (!field || !values) return undefined
  return { kind: field === '_id' ? 'id' : field === '_type' ? 'type' : 'slug', values }
}

/**
 * Whether every string an expression gives is one the filtered document holds (so each of its words
 * is in the word index under that document): its attributes, however deep, elements and slices of
 * them, filtered or mapped over its own values, gathered into arrays. No `->` (another document's
 * strings), no `^`, no literal, no operator or function that makes new text (`+`, `pt::text()`).
 */
function ownStrings(node: AstNode): boolean {
  switch (node.type) {
    case 'This':
      return true
    case 'AccessAttribute':
      return node.base === undefined || ownStrings(node.base as AstNode)
    case 'AccessElement':
    case 'Slice':
    case 'ArrayCoerce':
    case 'Group':
    case 'Filter':
      return ownStrings(node.base as AstNode)
    case 'Map':
    case 'FlatMap':
    case 'Projection':
      return ownStrings(node.base as AstNode) && ownStrings(node.expr as AstNode)
    case 'Array':
      return (node.elements as AstNode[]).every((element) => ownStrings(element.value as AstNode))
    case 'FuncCall':
      return node.namespace === 'array' && ['compact', 'unique'].includes(node.name as string) && (node.args as AstNode[]).every(ownStrings)
    default:
      return false
  }
}

/** `^._id` */
function isParentId(node: AstNode): boolean {
  const base = node.base as AstNode | undefined
  return node.type === 'AccessAttribute' && node.name === '_id' && base?.type === 'Parent' && base.n === 1
}

function stringValues(nodes: AstNode[]): string[] | undefined {
  const values: string[] = []
  for (const node of nodes) {
    if (node.type !== 'Value' || typeof node.value !== 'string') return undefined
    values.push(node.value)
  }
  return values
}

/**
 * Whether F can be tested on documents outside the query, from where its `^` reads. Inside F the
 * tested document's scope is at distance 0; each scope F opens adds one (a scope opened inside a
 * hidden one, by a map, does not); `^`×n at distance d reads the scope at d − n: −1 is the scope
 * the `*` stands in, −2 or further is beyond what a test can reproduce.
 */
function testability(expr: AstNode, scope: ScopeState): Testable {
  let outside = false
  let onlyParentIds = true
  let possible = true
  const visit = (node: AstNode, at: ScopeState, parent: AstNode | undefined) => {
    if (node.type === 'Everything') possible = false
    if (node.type === 'Parent') {
      const reads = at.depth - (node.n as number)
      if (reads < -1) possible = false
      if (reads === -1) {
        outside = true
        if (!(parent?.type === 'AccessAttribute' && parent.name === '_id' && parent.base === node)) onlyParentIds = false
      }
    }
    const step = at.hidden ? at.depth : at.depth + 1
    for (const child of childrenOf(node)) {
      visit(child, scopeOfChild(node, child, at, { depth: step, hidden: false }, { depth: step, hidden: true }), node)
    }
  }
  visit(expr, { depth: 0, hidden: false }, undefined)
  if (!possible) return 'no'
  if (!outside) return 'free'
  // At the top of the query, `^` of a filtered document is the root: null, as in a test.
  if (scope.depth === 0) return 'root'
  return onlyParentIds && !scope.hidden ? 'parentId' : 'no'
}

/**
 * A conjunct comparing the ordering field with a value that does not depend on the document,
 * the way round that makes its matches come first in the walk: `field > x` or `field >= x` when
 * descending, `<`/`<=` when ascending. Among string values, once one fails, all later ones fail
 * (for `dateTime(field)` only while every string is a canonical timestamp).
 */
function stopCondition(node: AstNode, field: string, descending: boolean): { node: AstNode; timestamps: boolean } | undefined {
  if (node.type !== 'OpCall' || !['<', '<=', '>', '>='].includes(node.op as string)) return undefined
  const flipped: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }
  let [subject, other, op] = [node.left as AstNode, node.right as AstNode, node.op as string]
  if (!isOrderingField(subject, field)) [subject, other, op] = [other, subject, flipped[op] as string]
  if (!isOrderingField(subject, field) || !isConstant(other)) return undefined
  const greater = op === '>' || op === '>='
  if (greater !== descending) return undefined
  return { node, timestamps: subject.type === 'FuncCall' }
}

function isOrderingField(node: AstNode, field: string): boolean {
  const plain = (n: AstNode | undefined) => n?.type === 'AccessAttribute' && n.base === undefined && n.name === field
  if (plain(node)) return true
  const args = node.args as AstNode[] | undefined
  return node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'dateTime' && args?.length === 1 && plain(args[0])
}
