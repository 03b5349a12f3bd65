/** The shapes of a parsed GROQ tree the planner reads and rewrites, and helpers for walking them. */
export type AstNode = { type: string; [key: string]: unknown }

/** Every node of the tree, leaving out bodies of declared functions (their `$args` are not query params). */
export function nodesOf(root: unknown): AstNode[] {
  const nodes: AstNode[] = []
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit)
      return
    }
    if (!isNode(value)) return
    nodes.push(value)
    if (value.type === 'FunctionDeclaration' || value.type === 'Value') return
    for (const [key, child] of Object.entries(value)) if (key !== 'type') visit(child)
  }
  visit(root)
  return nodes
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string'
}

/** The child nodes of a node (a Value's value is data, not nodes). */
export function childrenOf(node: AstNode): AstNode[] {
  if (node.type === 'Value') return []
  const children: AstNode[] = []
  for (const [key, child] of Object.entries(node)) {
    if (key === 'type') continue
    if (Array.isArray(child)) children.push(...child.filter(isNode))
    else if (isNode(child)) children.push(child)
  }
  return children
}

export type ScopeState = { depth: number; hidden: boolean }

/** The scope groq-js evaluates a child in: filters, projections and `order()` nest one; maps nest a hidden one. */
export function scopeOfChild(parent: AstNode, child: AstNode, scope: ScopeState, nested: ScopeState, hidden: ScopeState): ScopeState {
  switch (parent.type) {
    case 'Filter':
    case 'Projection':
      return child === parent.expr ? nested : scope
    case 'Map':
    case 'FlatMap':
      return child === parent.expr ? hidden : scope
    case 'PipeFuncCall':
      return child === parent.base ? scope : nested
    default:
      return scope
  }
}

export const deref = (base: AstNode): AstNode => ({ type: 'Deref', base })

export function conjuncts(expr: AstNode): AstNode[] {
  if (expr.type === 'And') return [...conjuncts(expr.left as AstNode), ...conjuncts(expr.right as AstNode)]
  if (expr.type === 'Group') return conjuncts(expr.base as AstNode)
  return [expr]
}

/** `_id`, `_type` or `slug.current` of the document being filtered. */
export function fieldName(node: AstNode): string | undefined {
  if (node.type !== 'AccessAttribute') return undefined
  const base = node.base as AstNode | undefined
  if (base === undefined) return node.name === '_id' || node.name === '_type' ? node.name : undefined
  return node.name === 'current' && base.type === 'AccessAttribute' && base.name === 'slug' && base.base === undefined
    ? 'slug.current'
    : undefined
}

/** Built from values, arithmetic and `now()`/`dateTime()` only. */
export function isConstant(node: AstNode): boolean {
  return nodesOf(node).every(
    (n) =>
      ['Value', 'OpCall', 'Group', 'Neg', 'Pos'].includes(n.type) ||
      (n.type === 'FuncCall' && n.namespace === 'global' && (n.name === 'now' || n.name === 'dateTime')),
  )
}

export const TRUE: AstNode = { type: 'Value', value: true }

/** The largest parts of an expression that do not depend on the document, worth working out once (not bare values). */
export function constantParts(expr: AstNode): AstNode[] {
  if (expr.type === 'Value') return []
  if (isConstant(expr)) return [expr]
  return childrenOf(expr).flatMap(constantParts)
}

/** A copy of the tree with some nodes swapped; the parsed tree itself is left as it was. */
export function replaceNodes(node: unknown, replacements: Map<AstNode, AstNode>): unknown {
  if (replacements.size === 0) return node
  if (Array.isArray(node)) return node.map((child) => replaceNodes(child, replacements))
  if (!isNode(node)) return node
  const replacement = replacements.get(node)
  if (replacement) return replacement
  if (node.type === 'Value') return node
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, replaceNodes(child, replacements)]))
}

/**
 * The filter once conjuncts known to hold are `true`: `true && x` is `x` along the conjunction at
 * its top (where only being `true` counts), so a filter answered wholly by indexes becomes `true`.
 */
export function withoutTrueConjuncts(node: AstNode): AstNode {
  if (node.type === 'Group') {
    const inner = withoutTrueConjuncts(node.base as AstNode)
    return inner.type === 'Value' ? inner : { ...node, base: inner }
  }
  if (node.type !== 'And') return node
  const left = withoutTrueConjuncts(node.left as AstNode)
  const right = withoutTrueConjuncts(node.right as AstNode)
  if (isTrue(left)) return right
  if (isTrue(right)) return left
  return { ...node, left, right }
}

export const isTrue = (node: AstNode) => node.type === 'Value' && node.value === true
