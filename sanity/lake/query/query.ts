import { randomBytes } from 'node:crypto'
import { type DereferenceFunction, type ExprNode, evaluate, evaluateSync, GroqSyntaxError, parse } from 'groq-js'
import { LakeError, lakeError, queryParseError } from '../core/errors'
import {
  compareOrder,
  type DocumentStore,
  type LakeDocument,
  type OrderEntry,
  type OrderedScope,
  orderEntry,
  RANK_STRING,
} from '../storage/store'
import { indexableTerms, type TextTerm } from '../storage/textIndex'
import { checkQuerySize, DEFAULT_QUERY_LIMITS, type Deadline, type QueryLimits } from './limits'

export type Perspective = 'published' | 'drafts' | 'raw'

export function parsePerspective(value: string | null | undefined): Perspective {
  if (!value || value === 'published') return 'published'
  if (value === 'drafts' || value === 'previewDrafts') return 'drafts'
  if (value === 'raw') return 'raw'
  throw lakeError(400, 'invalidPerspective', `Unsupported perspective "${value}": use published, drafts or raw`)
}

export const isDraftId = (id: string) => id.startsWith('drafts.')
export const isVersionId = (id: string) => id.startsWith('versions.')
/** Ids with a dot (`drafts.x`, `versions.r.x`, `x.y`) are private, as in hosted Sanity: readable only with a token. */
export const isPublicId = (id: string) => !id.includes('.')
const DRAFT_PREFIX = 'drafts.'

/** An ordered index as a view sees it. */
export type OrderedDocuments = {
  /** The stored documents of one type, ascending in GROQ's order of one field. */
  entries: readonly OrderEntry[]
  /** Every string value is a canonical UTC timestamp, so string order is time order. */
  timestampsInOrder: boolean
  /** Whether the stored document is one the view shows (a draft stands in for its published document). */
  shows(storedId: string): boolean
  /** Every entry is a document the view shows, under its stored id: the n-th entry is the n-th document. */
  dense: boolean
}

/**
 * Lookups that let a query start from candidates instead of the whole dataset. The id sets are
 * the store's (cheap to count); `resolve` turns stored ids into the view's documents, keeping
 * those the view shows as themselves (a draft, not the published document it stands in for), so
 * the documents resolved from a set are exactly the view's documents with that type, slug or
 * reference.
 */
export type DocumentIndexes = {
  byId(id: string): LakeDocument | undefined
  ofType?(type: string): ReadonlySet<string>
  withSlug?(slug: string): ReadonlySet<string>
  referencing?(id: string): ReadonlySet<string>
  /** Stored ids of the documents that can match a `match` with these terms: every one that does, and perhaps more. */
  matchingWords?(terms: readonly TextTerm[]): ReadonlySet<string>
  resolve?(storedIds: Iterable<string>): LakeDocument[]
  viewOf?(storedId: string): LakeDocument | undefined
  ordered?(type: string, field: string): OrderedDocuments
  /** The documents of a type referencing one id, in one field's order (drafts and all, as `ordered` in a view that is not dense). */
  orderedReferencing?(type: string, field: string, refId: string): OrderedDocuments
  /** A view document's place in the view's dataset order, which breaks ties in `order()`. */
  position?(viewId: string): number
  /** How many documents of the type the view shows, where that is known without a scan. */
  countOfType?(type: string): number | undefined
}

/** The documents a query sees. `get` backs `->`, so a dereference is a map lookup, not a scan. */
export type DocumentSource = {
  get(id: string): LakeDocument | undefined
  all(): readonly LakeDocument[]
  indexes?: DocumentIndexes
}

const viewCache = new WeakMap<DocumentStore, { version: number; lists: Map<Reader, LakeDocument[]> }>()

/** Who reads: with a token, any perspective; without one, published documents with public ids only. */
export type Reader = Perspective | 'anonymous'

/** The store as seen through a perspective; full lists are cached until the next commit. */
export function perspectiveSource(store: DocumentStore, perspective: Reader): DocumentSource {
  const view = VIEWS[perspective](store)
  return {
    get: view.get,
    indexes: { ...view.indexes, byId: view.get },
    all() {
      let cached = viewCache.get(store)
      if (!cached || cached.version !== store.version) {
        cached = { version: store.version, lists: new Map() }
        viewCache.set(store, cached)
      }
      const list = cached.lists.get(perspective) ?? view.list()
      cached.lists.set(perspective, list)
      return list
    },
  }
}

type View = {
  get(id: string): LakeDocument | undefined
  list(): LakeDocument[]
  indexes: Required<Omit<DocumentIndexes, 'byId'>>
}

type ViewRules = {
  get: View['get']
  /** The view's id for a stored id. */
  toViewId(storedId: string): string
  shows(storedId: string): boolean
  position(viewId: string): number
  /** The stored documents the view shows as themselves, where it shows only such (published or all): its ordered indexes hold only those. */
  dense?: OrderedScope
  countOfType(type: string): number | undefined
}

function viewIndexes(store: DocumentStore, { get, toViewId, shows, position, dense, countOfType }: ViewRules): View['indexes'] {
  return {
    ofType: (type) => store.idsOfType(type),
    withSlug: (slug) => store.idsWithSlug(slug),
    referencing: (id) => store.idsReferencing(id),
    matchingWords: (terms) => store.idsMatchingWords(terms),
    resolve(storedIds) {
      const docs: LakeDocument[] = []
      for (const storedId of storedIds) {
        const doc = shows(storedId) ? get(toViewId(storedId)) : undefined
        if (doc) docs.push(doc)
      }
      return docs
    },
    viewOf: (storedId) => get(toViewId(storedId)),
    ordered(type, field) {
      const index = store.orderedBy(type, field, dense ?? 'all')
      return { entries: index.entries, timestampsInOrder: index.timestampsInOrder, shows: dense ? () => true : shows, dense: !!dense }
    },
    orderedReferencing(type, field, refId) {
      const index = store.orderedReferencing(type, field, refId)
      return { entries: index.entries, timestampsInOrder: index.timestampsInOrder, shows, dense: false }
    },
    position,
    countOfType,
  }
}

const storedPosition = (store: DocumentStore) => (id: string) => store.positionOf(id) ?? Number.POSITIVE_INFINITY

const VIEWS: Record<Reader, (store: DocumentStore) => View> = {
  raw: (store) => {
    const get = (id: string) => store.get(id)
    const indexes = viewIndexes(store, {
      get,
      toViewId: (id) => id,
      shows: () => true,
      position: storedPosition(store),
      dense: 'all',
      countOfType: (type) => store.idsOfType(type).size,
    })
    return { get, list: () => [...store.documents()], indexes }
  },
  published: (store) => {
    const get = (id: string) => (isDraftId(id) || isVersionId(id) ? undefined : store.get(id))
    const shows = (id: string) => !isDraftId(id) && !isVersionId(id)
    const indexes = viewIndexes(store, {
      get,
      toViewId: (id) => id,
      shows,
      position: storedPosition(store),
      dense: 'published',
      countOfType: (type) => store.publishedCountOfType(type),
    })
    return { get, list: () => [...store.documents()].filter((doc) => get(doc._id)), indexes }
  },
  anonymous: (store) => {
    const get = (id: string) => (isPublicId(id) ? store.get(id) : undefined)
    // The published indexes also hold private ids (`x.y`): the view passes over those.
    const indexes = viewIndexes(store, {
      get,
      toViewId: (id) => id,
      shows: isPublicId,
      position: storedPosition(store),
      countOfType: () => undefined,
    })
    return { get, list: () => [...store.documents()].filter((doc) => isPublicId(doc._id)), indexes }
  },
  drafts: (store) => {
    // A draft stands in for its published document, under the published id, as Sanity presents it.
    const get = (id: string) => {
      if (isDraftId(id) || isVersionId(id)) return undefined
      const draft = store.get(DRAFT_PREFIX + id)
      return draft ? { ...draft, _id: id, _originalId: draft._id } : store.get(id)
    }
    const toViewId = (id: string) => (isDraftId(id) ? id.slice(DRAFT_PREFIX.length) : id)
    // The view lists each document where the first of its published and draft versions stands.
    const stored = storedPosition(store)
    const position = (id: string) => Math.min(stored(id), stored(DRAFT_PREFIX + id))
    const shows = (id: string) => !isVersionId(id) && (isDraftId(id) || !store.get(DRAFT_PREFIX + id))
    // A draft's published counterpart may differ in type or slug: these lookups are supersets.
    const indexes = viewIndexes(store, { get, toViewId, shows, position, countOfType: () => undefined })
    const list = () => {
      const seen = new Set<string>()
      const docs: LakeDocument[] = []
      for (const { _id } of store.documents()) {
        const id = toViewId(_id)
        if (seen.has(id)) continue
        seen.add(id)
        const doc = get(id)
        if (doc) docs.push(doc)
      }
      return docs
    }
    return { get, list, indexes }
  },
}

const PARSE_CACHE_SIZE = 500
const parsed = new Map<string, ExprNode>()

/**
 * Parses a query with its parameters bound, turning every problem into a 400 the client can show.
 * Trees are cached by query and parameters (and never changed afterwards).
 */
export function compileQuery(query: string, params: Record<string, unknown> = {}, limits: QueryLimits = DEFAULT_QUERY_LIMITS): ExprNode {
  const paramsJson = JSON.stringify(params)
  checkQuerySize(query, paramsJson, limits)
  const key = `${query}\u0000${paramsJson}`
  const cached = parsed.get(key)
  if (cached) {
    parsed.delete(key)
    parsed.set(key, cached)
    return cached
  }
  let tree: ExprNode
  try {
    tree = parse(query, { params })
  } catch (err) {
    if (err instanceof GroqSyntaxError) throw queryParseError(query, err.position, err.message)
    throw lakeError(400, 'queryError', (err as Error).message)
  }
  const missing = nodesOf(tree).find((node) => node.type === 'Parameter')
  if (missing) throw lakeError(400, 'queryError', `param $${String(missing.name)} referenced, but not provided`)
  parsed.set(key, tree)
  if (parsed.size > PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string)
  return tree
}

export type QueryContext = { projectId: string; dataset: string }

/**
 * Evaluates a parsed query with groq-js over the source. Each filtered `*` the planner understands
 * reads from the indexes instead of the dataset (see `makePlan`); groq-js evaluates everything
 * else. The synchronous evaluator is used where it covers the query (it runs the same executors
 * without a promise per value); anything it refuses runs asynchronously.
 */
export async function evaluateQuery(tree: ExprNode, source: DocumentSource, context: QueryContext, deadline?: Deadline): Promise<unknown> {
  const watched = deadline ? watchedSource(source, deadline) : source
  try {
    return await run(planFor(tree), watched, context, deadline)
  } catch (err) {
    if (!(err instanceof Untestable)) throw err
    // A filter groq-js cannot test on its own (it uses something only the asynchronous evaluator
    // has, or fails): plan the query again so that groq-js applies every filter itself.
    const plan = makePlan(tree, false)
    plans.set(tree, plan)
    return run(plan, watched, context, deadline)
  }
}

/** The source with every read counted against the deadline: the dataset and lookups. */
function watchedSource(source: DocumentSource, deadline: Deadline): DocumentSource {
  const get = (id: string) => {
    deadline.step()
    return source.get(id)
  }
  return { ...source, get, all: () => deadline.watch(source.all()) }
}

async function run(plan: Plan, source: DocumentSource, context: QueryContext, deadline: Deadline | undefined): Promise<unknown> {
  const timestamp = new Date()
  const candidates = new CandidateFinder(plan, source, context, timestamp, deadline)
  const options = {
    dataset: plan.readsDataset ? source.all() : [],
    dereference: candidates.dereference,
    sanity: context,
    timestamp,
  }
  if (plan.sync) {
    try {
      return evaluateSync(plan.tree, options).data
    } catch (err) {
      if (err instanceof Untestable || err instanceof LakeError) throw err
      // Not covered by the synchronous evaluator (or an error, which the asynchronous one reports).
      plan.sync = false
    }
  }
  try {
    const value = await evaluate(plan.tree, options)
    return await value.get()
  } catch (err) {
    if (err instanceof Untestable || err instanceof LakeError) throw err
    throw lakeError(400, 'queryError', (err as Error).message)
  }
}

class Untestable extends Error {}

type AstNode = { type: string; [key: string]: unknown }

/** Every node of the tree, leaving out bodies of declared functions (their `$args` are not query params). */
function nodesOf(root: unknown): AstNode[] {
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

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string'
}

/** The child nodes of a node (a Value's value is data, not nodes). */
function childrenOf(node: AstNode): AstNode[] {
  if (node.type === 'Value') return []
  const children: AstNode[] = []
  for (const [key, child] of Object.entries(node)) {
    if (key === 'type') continue
    if (Array.isArray(child)) children.push(...child.filter(isNode))
    else if (isNode(child)) children.push(child)
  }
  return children
}

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
//   orders these exactly as it orders the whole filtered dataset, and the slice takes the same.
// ---------------------------------------------------------------------------------------------

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
type Conjunct = IndexedTest & { node: AstNode }

/**
 * How F can be tested on a document outside the query: `free` when it does not look outside
 * itself; `root` when it reads `^` of a `*` at the top of the query (the query's root, null);
 * `parentId` when its only outside reads are `^._id`, which the tag carries.
 */
type Testable = 'free' | 'root' | 'parentId' | 'no'

type Site = {
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
  /** `count(*[F])`, which an exact site answers itself (as a number), where it can without resolving the documents. */
  count?: AstNode
}

/** `memos`: sub-queries that read the dataset but nothing of the document they stand in, worked out once per query (see `hoistSubqueries`). */
type Plan = { tree: ExprNode; sites: Site[]; memos: AstNode[]; readsDataset: boolean; sync: boolean }

const TAG = `\u0000lake-candidates-${randomBytes(12).toString('hex')}:`
const ALL_TAG = `${TAG}all`
const MEMO_TAG = `${TAG}memo:`
/** After a memo's tag: the id that follows is looked up among the memo's values. */
const MEMBER_OF = ':has:'
const plans = new WeakMap<ExprNode, Plan>()
const UNSCOPED_NAMESPACES = new Set(['delta', 'diff', 'releases'])

function planFor(tree: ExprNode): Plan {
  let plan = plans.get(tree)
  if (!plan) {
    plan = makePlan(tree)
    plans.set(tree, plan)
  }
  return plan
}

type ScopeState = { depth: number; hidden: boolean }

/** `testing`: whether the lake may test filters itself (off once one could not be tested). */
function makePlan(tree: ExprNode, testing = true): Plan {
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
    replacements.set(counting ?? (site.exact ? filter : node), replacement)
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
function hoistSubqueries(root: AstNode, memos: AstNode[]): AstNode {
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

/** The scope groq-js evaluates a child in: filters, projections and `order()` nest one; maps nest a hidden one. */
function scopeOfChild(parent: AstNode, child: AstNode, scope: ScopeState, nested: ScopeState, hidden: ScopeState): ScopeState {
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

const deref = (base: AstNode): AstNode => ({ type: 'Deref', base })

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

function analyseSite(tag: string, filter: AstNode, scope: ScopeState, parents: Map<AstNode, AstNode>): Site | undefined {
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

function conjuncts(expr: AstNode): AstNode[] {
  if (expr.type === 'And') return [...conjuncts(expr.left as AstNode), ...conjuncts(expr.right as AstNode)]
  if (expr.type === 'Group') return conjuncts(expr.base as AstNode)
  return [expr]
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

/** `_id`, `_type` or `slug.current` of the document being filtered. */
function fieldName(node: AstNode): string | undefined {
  if (node.type !== 'AccessAttribute') return undefined
  const base = node.base as AstNode | undefined
  if (base === undefined) return node.name === '_id' || node.name === '_type' ? node.name : undefined
  return node.name === 'current' && base.type === 'AccessAttribute' && base.name === 'slug' && base.base === undefined
    ? 'slug.current'
    : undefined
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

/** Built from values, arithmetic and `now()`/`dateTime()` only. */
function isConstant(node: AstNode): boolean {
  return nodesOf(node).every(
    (n) =>
      ['Value', 'OpCall', 'Group', 'Neg', 'Pos'].includes(n.type) ||
      (n.type === 'FuncCall' && n.namespace === 'global' && (n.name === 'now' || n.name === 'dateTime')),
  )
}

const TRUE: AstNode = { type: 'Value', value: true }

/** The largest parts of an expression that do not depend on the document, worth working out once (not bare values). */
function constantParts(expr: AstNode): AstNode[] {
  if (expr.type === 'Value') return []
  if (isConstant(expr)) return [expr]
  return childrenOf(expr).flatMap(constantParts)
}

/** A copy of the tree with some nodes swapped; the parsed tree itself is left as it was. */
function replaceNodes(node: unknown, replacements: Map<AstNode, AstNode>): unknown {
  if (replacements.size === 0) return node
  if (Array.isArray(node)) return node.map((child) => replaceNodes(child, replacements))
  if (!isNode(node)) return node
  const replacement = replacements.get(node)
  if (replacement) return replacement
  if (node.type === 'Value') return node
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, replaceNodes(child, replacements)]))
}

// ---------------------------------------------------------------------------------------------
// Finding candidates while a query is evaluated.
// ---------------------------------------------------------------------------------------------

/** What visiting an index entry costs against a step of sorting a set (measured: a visit reads an entry from memory, a sort step compares two in cache). */
const VISIT_COST = 4

/** Documents tested at once while walking in order: at first, and at most. */
const FIRST_BATCH = 32
const LARGEST_BATCH = 4096

type IdSets = { size: number; sets: ReadonlySet<string>[]; conjunct: Conjunct; values: string[] }
/** `inRange`: the walk's range conjunct is known to hold for the document (see `stopRange`). */
type Item = { doc: LakeDocument; entry: OrderEntry; inRange?: boolean }
/**
 * Documents in order, one at a time; `skipStrings` passes over the rest of the string values.
 * `next(tiedWith)` gives only a document tied with that entry, and none once the entries (kept or
 * passed over) no longer are: ties are contiguous, so the end of a run is found without looking
 * for the next document that would be kept.
 */
type Cursor = { next(tiedWith?: OrderEntry): Item | undefined; skipStrings(): void }
type Test = (docs: LakeDocument[], expr?: AstNode) => LakeDocument[]
type Found = { size: number; docs: () => LakeDocument[]; conjunct: Conjunct }

class CandidateFinder {
  private readonly found = new Map<string, readonly LakeDocument[] | number>()
  private readonly memos = new Map<string, unknown>()
  private readonly memoIds = new Map<string, Set<string>>()

  constructor(
    private readonly plan: Plan,
    private readonly source: DocumentSource,
    private readonly context: QueryContext,
    private readonly timestamp: Date,
    private readonly deadline: Deadline | undefined,
  ) {}

  /** `->` as a map lookup; a tagged reference returns a site's documents (a list, which groq-js takes as any value). */
  readonly dereference: DereferenceFunction = ({ _ref }) => {
    if (!_ref.startsWith(TAG)) return this.source.get(_ref) ?? null
    if (_ref.startsWith(MEMO_TAG)) {
      const member = _ref.indexOf(MEMBER_OF, MEMO_TAG.length)
      return (member === -1 ? this.memo(_ref) : this.memberOf(_ref, member)) as LakeDocument
    }
    return this.documentsFor(_ref) as unknown as LakeDocument
  }

  /** A site's documents, or for a site inside `count()`, how many there are. */
  private documentsFor(_ref: string): readonly LakeDocument[] | number {
    if (_ref === ALL_TAG) return this.source.all()
    this.deadline?.check()
    let docs = this.found.get(_ref)
    if (docs === undefined) {
      const rest = _ref.slice(TAG.length)
      const colon = rest.indexOf(':')
      const site = this.plan.sites[Number(colon === -1 ? rest : rest.slice(0, colon))]
      if (!site) throw new Error(`No query site for ${JSON.stringify(_ref)}`)
      const parentId = colon === -1 ? undefined : rest.slice(colon + 1)
      docs = site.exact && site.count ? this.siteCount(site, parentId) : this.siteDocuments(site, parentId)
      if (this.deadline && typeof docs !== 'number') docs = this.deadline.watch(docs)
      this.found.set(_ref, docs)
    }
    return docs
  }

  /** Whether a hoisted sub-query's value (a list) holds the id: `memo:i:has:id`. */
  private memberOf(_ref: string, at: number): boolean {
    const memo = _ref.slice(0, at)
    let ids = this.memoIds.get(memo)
    if (!ids) {
      const value = this.memo(memo)
      ids = new Set(Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])
      this.memoIds.set(memo, ids)
    }
    return ids.has(_ref.slice(at + MEMBER_OF.length))
  }

  /** A hoisted sub-query's value, worked out the first time it is asked for (values are cached with the sites' answers). */
  private memo(_ref: string): unknown {
    if (this.memos.has(_ref)) return this.memos.get(_ref)
    const tree = this.plan.memos[Number(_ref.slice(MEMO_TAG.length))] as unknown as ExprNode
    const options = { dataset: this.source.all(), dereference: this.dereference, sanity: this.context, timestamp: this.timestamp }
    let value: unknown
    try {
      value = evaluateSync(tree, options).data
    } catch (err) {
      if (err instanceof LakeError || err instanceof Untestable) throw err
      // Something only the asynchronous evaluator has: plan the query again without hoisting.
      throw new Untestable()
    }
    this.memos.set(_ref, value)
    return value
  }

  /** How many documents pass an exact site's filter: for `count(*[_type == "t"])` straight from the index. */
  private siteCount(site: Site, parentId: string | undefined): number {
    const [only] = site.conjuncts
    if (site.conjuncts.length === 1 && only?.kind === 'type' && only.values.length === 1 && this.tester(site, parentId, [only]).passesAll) {
      const count = this.source.indexes?.countOfType?.(only.values[0] as string)
      if (count !== undefined) return count
    }
    return this.siteDocuments(site, parentId).length
  }

  /** What the site answers; `parentId` is the `_id` a dynamic site was reached with. */
  private siteDocuments(site: Site, parentId: string | undefined): readonly LakeDocument[] {
    const testable = site.testable !== 'no' && (site.testable !== 'parentId' || parentId !== undefined)
    if (site.exact && !testable) throw new Untestable()
    const indexes = this.source.indexes
    let smallest: Found | undefined
    let typeIds: IdSets | undefined
    let others: IdSets | undefined
    for (const conjunct of indexes ? site.conjuncts : []) {
      // Without positions only a single `_id` can be looked up: several would need putting in dataset order.
      if (!indexes?.position && (conjunct.kind !== 'id' || conjunct.values.length > 1)) continue
      if (conjunct.kind === 'id') {
        // `_id in $ids` holds once per document however often $ids repeats its id.
        const ids = [...new Set(conjunct.values)]
        const docs = () => ids.flatMap((id) => indexes?.byId(id) ?? [])
        if (!smallest || ids.length < smallest.size) smallest = { size: ids.length, docs, conjunct }
        continue
      }
      const ids = this.idSets(conjunct, parentId)
      if (!ids) continue
      if (!smallest || ids.size < smallest.size) smallest = { size: ids.size, docs: () => this.resolve(ids), conjunct }
      if (conjunct.kind === 'type' && conjunct.values.length === 1) typeIds = ids
      else if (conjunct.kind !== 'type' && (!others || ids.size < others.size)) others = ids
    }
    const tester = (known: (Conjunct | undefined)[], holds?: AstNode) => this.tester(site, parentId, known, holds)
    if (site.order && testable && smallest && indexes?.position) return this.inFieldOrder(site, tester, smallest, typeIds, others)
    const docs = smallest ? this.inDatasetOrder(smallest.docs()) : this.source.all()
    if (!site.exact) return docs
    const passing = tester([smallest?.conjunct])(docs as LakeDocument[])
    return site.order ? sortedByField(passing, site.order).slice(site.offset ?? 0) : passing
  }

  private idSets(conjunct: Conjunct, parentId: string | undefined): IdSets | undefined {
    const indexes = this.source.indexes
    if (conjunct.kind === 'text') {
      const ids = indexes?.matchingWords?.(conjunct.terms)
      return ids && { size: ids.size, sets: [ids], conjunct, values: [] }
    }
    const lookup = conjunct.kind === 'type' ? indexes?.ofType : conjunct.kind === 'slug' ? indexes?.withSlug : indexes?.referencing
    if (!lookup || conjunct.kind === 'id') return undefined
    const values = conjunct.kind === 'referencesParent' ? (parentId === undefined ? undefined : [parentId]) : conjunct.values
    if (!values) return undefined
    const sets = values.map((value) => lookup(value))
    return { size: sets.reduce((sum, set) => sum + set.size, 0), sets, conjunct, values }
  }

  private resolve({ sets }: IdSets): LakeDocument[] {
    const resolve = this.source.indexes?.resolve
    if (!resolve) return [...this.source.all()]
    return sets.length === 1 ? resolve(sets[0] as ReadonlySet<string>) : resolve(new Set(sets.flatMap((set) => [...set])))
  }

  private inDatasetOrder(docs: LakeDocument[]): LakeDocument[] {
    const position = this.source.indexes?.position
    if (!position) return docs
    const unique = [...new Map(docs.map((doc) => [doc._id, doc])).values()]
    const placed = unique.map((doc) => ({ doc, at: position(doc._id) }))
    for (let i = 1; i < placed.length; i++) {
      if ((placed[i - 1] as { at: number }).at > (placed[i] as { at: number }).at) {
        placed.sort((a, b) => a.at - b.at)
        break
      }
    }
    return placed.map(({ doc }) => doc)
  }

  /**
   * Tests F (or one conjunct of it) on documents with groq-js, as the query would. Conjuncts
   * `known` to hold for the documents tested (those an index answered) are left out, and parts of
   * F that are the same for every document (`dateTime(now()) - 60*60*48`) are worked out once.
   */
  private tester(
    site: Site,
    parentId: string | undefined,
    known: (Conjunct | undefined)[],
    holds?: AstNode,
  ): Test & { passesAll: boolean } {
    const root = site.testable === 'parentId' ? { _id: parentId } : undefined
    const options = { root, dataset: [], dereference: this.dereference, sanity: this.context, timestamp: this.timestamp }
    const evaluateOn = (docs: LakeDocument[], expr: AstNode) => {
      this.deadline?.check()
      const tree = { type: 'Filter', base: { type: 'Value', value: docs }, expr } as unknown as ExprNode
      try {
        return evaluateSync(tree, options).data as LakeDocument[]
      } catch (err) {
        if (err instanceof LakeError) throw err
        site.testable = 'no'
        throw new Untestable()
      }
    }
    const key = `${known.map((conjunct) => (conjunct ? site.conjuncts.indexOf(conjunct) : '')).join()}${holds ? '+range' : ''}`
    let simpler = site.simplified.get(key)
    if (!simpler) {
      const replacements = new Map<AstNode, AstNode>()
      // A text conjunct's candidates may fail it: it stays in the test.
      for (const conjunct of known) if (conjunct && conjunct.kind !== 'text') replacements.set(conjunct.node, TRUE)
      if (holds) replacements.set(holds, TRUE)
      const filter = site.filter.expr as AstNode
      const parts = constantParts(filter)
      for (const node of parts) {
        try {
          replacements.set(node, { type: 'Value', value: evaluateSync(node as unknown as ExprNode, options).data })
        } catch (err) {
          if (err instanceof LakeError) throw err
          // Left for the test to evaluate (and fail on, if it must).
        }
      }
      simpler = withoutTrueConjuncts(replaceNodes(filter, replacements) as AstNode)
      // What depends on the time of the query is worked out for each query.
      if (!parts.some((part) => nodesOf(part).some((node) => node.type === 'FuncCall' && node.name === 'now')))
        site.simplified.set(key, simpler)
    }
    const expr = simpler
    // Every conjunct answered by an index: every candidate passes, with no need to ask groq-js.
    const passesAll = isTrue(expr)
    const native = passesAll ? undefined : nativeTestOf(expr)
    const test = (docs: LakeDocument[], node = expr) => {
      if (docs.length === 0) return []
      if (node !== expr) return evaluateOn(docs, node)
      return passesAll ? docs : native ? docs.filter(native) : evaluateOn(docs, node)
    }
    return Object.assign(test, { passesAll })
  }

  /**
   * The passing documents in the order of the site's field (ties in dataset order): all of them,
   * or with a limit the first ones and every one tied with the last. Read from the field's sorted
   * index (passing over documents outside the smallest other set), or from that set sorted here,
   * whichever looks cheaper.
   */
  private inFieldOrder(
    site: Site,
    tester: (known: (Conjunct | undefined)[], holds?: AstNode) => Test & { passesAll: boolean },
    smallest: Found,
    typeIds: IdSets | undefined,
    others: IdSets | undefined,
  ): LakeDocument[] {
    const order = site.order as NonNullable<Site['order']>
    const indexes = this.source.indexes
    const limit = site.limit ?? Number.POSITIVE_INFINITY
    const offset = site.offset ?? 0
    const sortCost = smallest.size * Math.log2(smallest.size + 2)
    const typeSet = typeIds?.sets[0]
    const type = typeIds?.conjunct.kind === 'type' ? (typeIds.conjunct.values[0] as string) : undefined
    const referenced = others?.conjunct.kind === 'references' || others?.conjunct.kind === 'referencesParent' ? others : undefined
    if (type !== undefined && referenced?.values.length === 1 && indexes?.orderedReferencing) {
      // The documents of the type that cite one document, already in the field's order: no member to look for.
      const ordered = indexes.orderedReferencing(type, order.field, referenced.values[0] as string)
      const test = tester([typeIds?.conjunct, referenced.conjunct])
      const stop = order.stop && (!order.stop.timestamps || ordered.timestampsInOrder) ? order.stop.node : undefined
      const range = stop && stopRange(ordered.entries, order, stop, test)
      const cursor = this.indexCursor(ordered, order.descending, undefined, 0, range)
      const inRange = range ? tester([typeIds?.conjunct, referenced.conjunct], stop) : undefined
      const kept = walk(cursor, limit, test, undefined, undefined, offset, inRange) ?? { items: [], skipped: 0 }
      return this.tiesInDatasetOrder(kept.items).slice(kept.skipped)
    }
    if (typeIds?.conjunct.kind === 'type' && typeSet && indexes?.ordered) {
      const visits = Math.min(typeSet.size, others ? (limit * typeSet.size) / Math.max(others.size, 1) : limit)
      if (!others || visits * VISIT_COST <= sortCost) {
        const ordered = indexes.ordered(typeIds.conjunct.values[0] as string, order.field)
        const test = tester([typeIds.conjunct, others?.conjunct])
        // Where every entry is a passing document, the first `offset` need not be visited at all.
        const passed = ordered.dense && !others && test.passesAll ? entriesBefore(ordered.entries, order.descending, offset) : 0
        const stop = order.stop && (!order.stop.timestamps || ordered.timestampsInOrder) ? order.stop.node : undefined
        // The string values for which the range conjunct holds, found by halving: the walk passes
        // over the rest of them, and needs test only the other conjuncts on these.
        const range = stop && stopRange(ordered.entries, order, stop, test)
        const cursor = this.indexCursor(ordered, order.descending, others, passed, range)
        // Passing over non-members is cheap; give up on the index once that costs more than sorting them would.
        const giveUp = others ? () => cursor.visited > 8 * sortCost + 1_000 : undefined
        const inRange = range ? tester([typeIds.conjunct, others?.conjunct], stop) : undefined
        const kept = walk(cursor, limit - passed, test, undefined, giveUp, offset - passed, inRange)
        if (kept) return this.tiesInDatasetOrder(kept.items).slice(kept.skipped)
      }
    }
    const sign = order.descending ? -1 : 1
    const sorted = smallest
      .docs()
      .map((doc) => ({ doc, entry: orderEntry(doc._id, doc[order.field]) }))
      .sort((a, b) => sign * compareOrder(a.entry, b.entry))
    let at = 0
    const cursor: Cursor = {
      next: (tiedWith) => {
        const item = sorted[at]
        if (!item || (tiedWith && compareOrder(item.entry, tiedWith) !== 0)) return undefined
        at++
        return item
      },
      skipStrings: () => {
        while (sorted[at]?.entry.rank === RANK_STRING) at++
      },
    }
    // The sort here is by text: a stop on `dateTime(field)` would need canonical timestamps.
    const stop = order.stop && !order.stop.timestamps ? order.stop.node : undefined
    const kept = walk(cursor, limit, tester([smallest.conjunct]), stop, undefined, offset) ?? { items: [], skipped: 0 }
    return this.tiesInDatasetOrder(kept.items).slice(kept.skipped)
  }

  /** The stored entries of an ordered index in the query's direction, as the view shows them. */
  private indexCursor(ordered: OrderedDocuments, descending: boolean, members: IdSets | undefined, passed = 0, range?: StopRange) {
    const { entries, shows } = ordered
    const viewOf = this.source.indexes?.viewOf
    const step = descending ? -1 : 1
    const only = members?.sets.length === 1 ? members.sets[0] : undefined
    const isMember = members && (only ? (id: string) => only.has(id) : (id: string) => members.sets.some((set) => set.has(id)))
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

  /** Runs of equal ordering values, each put in dataset order, as groq-js breaks ties. */
  private tiesInDatasetOrder(items: Item[]): LakeDocument[] {
    const position = this.source.indexes?.position
    const docs: LakeDocument[] = []
    for (let start = 0; start < items.length; ) {
      let end = start + 1
      while (end < items.length && compareOrder((items[end] as Item).entry, (items[start] as Item).entry) === 0) end++
      const run = items.slice(start, end).map(({ doc }) => doc)
      if (run.length > 1 && position) run.sort((a, b) => position(a._id) - position(b._id))
      docs.push(...run)
      start = end
    }
    return docs
  }
}

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
function walk(
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
type StopRange = { stringsStart: number; holdsUntil: number; stringsEnd: number }

/**
 * Where, among the string values of an ordered index (in the walk's direction), the range conjunct
 * on the ordering field stops holding: it holds up to a point and not after (`stopCondition`), and
 * reads only the field, so halving the block of strings finds the point with a handful of tests on
 * the values alone.
 */
function stopRange(entries: readonly OrderEntry[], order: NonNullable<Site['order']>, stop: AstNode, test: Test): StopRange {
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
function entriesBefore(entries: readonly OrderEntry[], descending: boolean, offset: number): number {
  if (offset <= 0) return 0
  if (offset >= entries.length) return entries.length
  const at = (k: number) => entries[descending ? entries.length - 1 - k : k] as OrderEntry
  const target = at(offset)
  let k = offset
  while (k > 0 && compareOrder(at(k - 1), target) === 0) k--
  return k
}

/** Documents in GROQ's order of the site's field (a stable sort, so ties keep the order they came in). */
function sortedByField(docs: LakeDocument[], order: NonNullable<Site['order']>): LakeDocument[] {
  const sign = order.descending ? -1 : 1
  return docs
    .map((doc) => ({ doc, entry: orderEntry(doc._id, doc[order.field]) }))
    .sort((a, b) => sign * compareOrder(a.entry, b.entry))
    .map(({ doc }) => doc)
}

/**
 * The filter once conjuncts known to hold are `true`: `true && x` is `x` along the conjunction at
 * its top (where only being `true` counts), so a filter answered wholly by indexes becomes `true`.
 */
function withoutTrueConjuncts(node: AstNode): AstNode {
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

const isTrue = (node: AstNode) => node.type === 'Value' && node.value === true

const nativeTests = new WeakMap<AstNode, ((doc: LakeDocument) => boolean) | null>()

/**
 * The filter as a plain function where every conjunct is one whose answer groq-js gives the same
 * way: `defined(a.b)` of the document's own attributes (an attribute of anything but an object is
 * null, as is a missing one). Undefined where any conjunct is something else: groq-js tests those.
 */
function nativeTestOf(expr: AstNode): ((doc: LakeDocument) => boolean) | undefined {
  let test = nativeTests.get(expr)
  if (test === undefined) {
    const tests = conjuncts(expr).map(nativeConjunct)
    test = tests.every((t) => t !== undefined) ? (doc: LakeDocument) => tests.every((t) => t?.(doc)) : null
    nativeTests.set(expr, test)
  }
  return test ?? undefined
}

function nativeConjunct(node: AstNode): ((doc: LakeDocument) => boolean) | undefined {
  const args = node.args as AstNode[] | undefined
  if (node.type !== 'FuncCall' || node.namespace !== 'global' || node.name !== 'defined' || args?.length !== 1) return undefined
  const path = attributePath(args[0] as AstNode)
  if (!path) return undefined
  return (doc) => {
    let value: unknown = doc
    for (const name of path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) return false
      value = (value as Record<string, unknown>)[name]
    }
    return value !== undefined && value !== null
  }
}

/** `a.b.c` read from the document being filtered, as its attribute names. */
function attributePath(node: AstNode): string[] | undefined {
  const path: string[] = []
  let current: AstNode | undefined = node
  while (current?.type === 'AccessAttribute') {
    path.unshift(current.name as string)
    current = current.base as AstNode | undefined
  }
  return current === undefined && path.length > 0 ? path : undefined
}

/** Where the walk continues after the block of string values it is in. */
function endOfStrings(entries: readonly OrderEntry[], from: number, step: number): number {
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
