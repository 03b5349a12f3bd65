import type { ExprNode } from 'groq-js'
import { type AstNode, childrenOf, deref, nodesOf, replaceNodes, type ScopeState, scopeOfChild } from './ast'
import { hoistSubqueries } from './hoist'
import { searchShapeOf } from './search/shape'
import { analyseSite, type Site } from './sites'
import { ALL_TAG, TAG } from './tags'

// ---------------------------------------------------------------------------------------------
// Planning: which `*` can start from an index, and how.
//
// A filtered `*` (`*[F]`) is replaced by a dereference the lake answers itself: a reference whose
// `_ref` carries a secret tag (no stored reference can hold it) and the number of the site. Where
// F can be tested on a document outside the query (see `testability`), the whole `*[F]` is
// replaced and the lake returns exactly the documents that pass F, testing them with groq-js on
// small batches; otherwise only the `*`, and groq-js applies F to what the lake returns. Either
// way, what the lake returns holds every passing document that can reach the result, in an order
// that gives groq-js the same result:
//
// - without `| order()` after the filter: every document that can satisfy F, in dataset order,
//   found from an index on a conjunct of F (`_id`, `_type`, `slug.current`, `references()` with
//   constant arguments, or `references(^._id)` inside a projection, where the tag carries `@._id`
//   so that the lake can look up that document's citers);
// - followed by `| order(field ...)` on a top-level field: the passing documents in that field's
//   order (ties in dataset order), read from an index sorted by the field or sorted here, and,
//   where a slice `[a...b]` or element `[i]` follows, only the first b (or i + 1) of them and
//   every document tied with the last. groq-js's `order()` breaks ties by input position, so it
//   orders these exactly as it orders the whole filtered dataset, and the slice takes the same;
// - followed by `| score(…) | order(_score desc, …)[a...b]` with a `match` conjunct (a ranked
//   search, search/shape.ts): the slice itself is replaced, and the lake returns the page, each
//   document with its `_score`, from its text indexes (search/page.ts).
// ---------------------------------------------------------------------------------------------

/** A filter the lake could not test on its own after all: the query is planned again without lake-side tests. */
export class Untestable extends Error {}

/** `memos`: sub-queries that read the dataset but nothing of the document they stand in, worked out once per query (see `hoistSubqueries`). */
export type Plan = { tree: ExprNode; sites: Site[]; memos: AstNode[]; readsDataset: boolean; sync: boolean }

export const plans = new WeakMap<ExprNode, Plan>()
const UNSCOPED_NAMESPACES = new Set(['delta', 'diff', 'releases'])

export function planFor(tree: ExprNode): Plan {
  let plan = plans.get(tree)
  if (!plan) {
    plan = makePlan(tree)
    plans.set(tree, plan)
  }
  return plan
}

/** `testing`: whether the lake may test filters itself (off once one could not be tested). */
export function makePlan(tree: ExprNode, testing = true): Plan {
  const root = tree as unknown as AstNode
  const unsupported = nodesOf(root).some(
    (node) =>
      node.type === 'FunctionDeclaration' ||
      node.type.startsWith('Selector') ||
      (node.type === 'FuncCall' && UNSCOPED_NAMESPACES.has(node.namespace as string)),
  )
  if (unsupported) return { tree, sites: [], memos: [], readsDataset: true, sync: true }

  const parents = new Map<AstNode, AstNode>()
  const stars: { node: AstNode; scope: ScopeState }[] = []
  const visit = (node: AstNode, scope: ScopeState) => {
    if (node.type === 'Everything') stars.push({ node, scope })
    const nested = { depth: scope.depth + 1, hidden: false }
    const hidden = { depth: scope.depth + 1, hidden: true }
    for (const child of childrenOf(node)) {
      parents.set(child, node)
      visit(child, scopeOfChild(node, child, scope, nested, hidden))
    }
  }
  visit(root, { depth: 0, hidden: false })

  const sites: Site[] = []
  const replacements = new Map<AstNode, AstNode>()
  for (const { node, scope } of stars) {
    const filter = parents.get(node)
    if (filter?.type !== 'Filter' || filter.base !== node) continue
    const site = analyseSite(`${TAG}${sites.length}`, filter, scope, parents)
    if (!site) continue
    if (!testing) site.testable = 'no'
    site.exact = site.testable !== 'no'
    // Only the lake can leave out the leading documents or stand in for the sort, and only where it knows which pass.
    if (!site.exact) {
      site.offset = undefined
      site.sort = undefined
    }
    sites.push(site)
    const dynamic = site.conjuncts.some((conjunct) => conjunct.kind === 'referencesParent')
    const everything = deref({ type: 'Value', value: { _ref: ALL_TAG } })
    // Where `@._id` is no string, the dataset: filtered by groq-js if the lake was to filter (then
    // `references(^._id)` is false for every document, so a slice shifted by an offset is still empty).
    const filtered = { ...filter, base: everything }
    const counting = site.exact ? site.count : undefined
    const fallback = counting ? { ...counting, args: [filtered] } : site.exact ? filtered : everything
    const replacement = dynamic ? dynamicCandidates(site.tag, fallback) : deref({ type: 'Value', value: { _ref: site.tag } })
    site.search = site.exact && !dynamic ? searchShapeOf(filter, parents) : undefined
    replacements.set(site.search?.node ?? counting ?? (site.exact ? filter : node), replacement)
    if (site.sort) replacements.set(site.sort, replaceNodes(site.sort.base, replacements) as AstNode)
  }
  // A slice after an offset site now starts at 0 (a copy, with the sites inside it replaced too).
  for (const site of sites) {
    if (!site.offset || !site.slice) continue
    const slice = site.slice
    const base = replaceNodes(slice.base, replacements) as AstNode
    replacements.set(
      slice,
      slice.type === 'Slice'
        ? { ...slice, base, left: 0, right: (slice.right as number) - site.offset }
        : { ...slice, base, index: (slice.index as number) - site.offset },
    )
  }
  const memos: AstNode[] = []
  const rewritten = replaceNodes(root, replacements) as AstNode
  const hoisted = (testing ? hoistSubqueries(rewritten, memos) : rewritten) as unknown as ExprNode
  const readsDataset = nodesOf(hoisted).some((node) => node.type === 'Everything')
  return { tree: hoisted, sites, memos, readsDataset, sync: true }
}

/**
 * `coalesce({"_ref": TAG + ":" + @._id}->, fallback)`: the site's documents for this document's
 * `_id`, or the fallback where `@._id` is not a string.
 */
function dynamicCandidates(tag: string, fallback: AstNode): AstNode {
  const ref: AstNode = {
    type: 'Object',
    attributes: [
      {
        type: 'ObjectAttributeValue',
        name: '_ref',
        value: { type: 'OpCall', op: '+', left: { type: 'Value', value: `${tag}:` }, right: { type: 'AccessAttribute', name: '_id' } },
      },
    ],
  }
  return { type: 'FuncCall', namespace: 'global', name: 'coalesce', args: [deref(ref), fallback] }
}
