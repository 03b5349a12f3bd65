import { type AstNode, childrenOf, deref, fieldName, isNode, type ScopeState, scopeOfChild } from './ast'
import { MEMBER_OF, MEMO_TAG } from './tags'

/** Node types that are values in their own right, which a lookup of the same value may stand in for. */
const HOISTABLE = new Set([
  'Filter',
  'Projection',
  'Map',
  'FlatMap',
  'PipeFuncCall',
  'FuncCall',
  'Slice',
  'AccessElement',
  'AccessAttribute',
  'ArrayCoerce',
  'Group',
  'OpCall',
])

/**
 * groq-js evaluates a sub-query once for every document of the scope it stands in, even where it
 * reads nothing of that document: `*[_id in *[_type == "a"]._id]` reads the dataset once per
 * document, and nesting that a dozen times multiplies the work by the dataset's size at each
 * level. A sub-query inside a scope that reads the dataset but nothing of the scopes around it is
 * replaced by a lookup (`memos[i]`, as a tagged dereference) the lake works out once per query;
 * its own sub-queries are hoisted the same way.
 */
export function hoistSubqueries(root: AstNode, memos: AstNode[]): AstNode {
  const hoist = (node: AstNode, scope: ScopeState): AstNode => {
    if (scope.depth > 0 && HOISTABLE.has(node.type) && readsDatasetOnly(node)) {
      memos.push(hoistSubqueries(node, memos))
      return deref({ type: 'Value', value: { _ref: `${MEMO_TAG}${memos.length - 1}` } })
    }
    if (node.type === 'Value') return node
    const nested = { depth: scope.depth + 1, hidden: false }
    const hidden = { depth: scope.depth + 1, hidden: true }
    const copy: AstNode = { ...node }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'type') continue
      const inScope = (c: AstNode) => hoist(c, scopeOfChild(node, c, scope, nested, hidden))
      if (Array.isArray(child)) copy[key] = child.map((c) => (isNode(c) ? inScope(c) : c))
      else if (isNode(child)) copy[key] = inScope(child)
    }
    if (copy.type === 'Filter' && filtersDocuments(copy)) copy.expr = withMemberships(copy.expr as AstNode)
    return copy
  }
  return hoist(root, { depth: 0, hidden: false })
}

/** A filter over the dataset or a site's documents: every element is a document, with a string `_id`. */
function filtersDocuments(filter: AstNode): boolean {
  const base = filter.base as AstNode
  return base.type === 'Everything' || (base.type === 'Deref' && (base.base as AstNode).type === 'Value')
}

/**
 * `_id in <memo>` among the conjuncts of a filter over documents, as a lookup in the memo's ids
 * (`{"_ref": MEMO:i:has: + _id}->`, true or false) rather than groq-js's walk of the whole list
 * for every document. Only conjuncts: there the lookup's answer and `in`'s are the same.
 */
function withMemberships(expr: AstNode): AstNode {
  if (expr.type === 'And') return { ...expr, left: withMemberships(expr.left as AstNode), right: withMemberships(expr.right as AstNode) }
  if (expr.type === 'Group') return { ...expr, base: withMemberships(expr.base as AstNode) }
  const left = expr.left as AstNode | undefined
  const right = expr.right as AstNode | undefined
  const memo = right?.type === 'Deref' ? ((right.base as AstNode).value as { _ref?: unknown } | undefined)?._ref : undefined
  if (
    expr.type !== 'OpCall' ||
    expr.op !== 'in' ||
    fieldName(left as AstNode) !== '_id' ||
    typeof memo !== 'string' ||
    !memo.startsWith(MEMO_TAG)
  ) {
    return expr
  }
  const key: AstNode = {
    type: 'OpCall',
    op: '+',
    left: { type: 'Value', value: `${memo}${MEMBER_OF}` },
    right: { type: 'AccessAttribute', name: '_id' },
  }
  return deref({ type: 'Object', attributes: [{ type: 'ObjectAttributeValue', name: '_ref', value: key }] })
}

/**
 * Whether a sub-tree reads the dataset (`*`, or a site's documents) and nothing of the scope it stands in: no `@`, no
 * attribute of it, no `^` beyond its own scopes, no function reading the current document.
 */
function readsDatasetOnly(subtree: AstNode): boolean {
  let readsDataset = false
  let outside = false
  const visit = (node: AstNode, at: ScopeState) => {
    if (node.type === 'Everything') readsDataset = true
    if (at.depth === 0 && (node.type === 'This' || (node.type === 'AccessAttribute' && node.base === undefined))) outside = true
    if (at.depth === 0 && node.type === 'FuncCall' && (node.name === 'references' || node.namespace !== 'global')) outside = true
    if (node.type === 'Parent' && at.depth - (node.n as number) <= 0) outside = true
    // A site's or a memo's documents: the dataset, read by the lake.
    if (node.type === 'Deref' && isNode(node.base) && node.base.type === 'Value') {
      readsDataset = true
      return
    }
    const step = at.hidden ? at.depth : at.depth + 1
    for (const child of childrenOf(node)) {
      visit(child, scopeOfChild(node, child, at, { depth: step, hidden: false }, { depth: step, hidden: true }))
    }
  }
  visit(subtree, { depth: 0, hidden: false })
  return readsDataset && !outside
}
