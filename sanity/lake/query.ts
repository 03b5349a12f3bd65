import { type ExprNode, evaluate, GroqSyntaxError, parse } from 'groq-js'
import { lakeError, queryParseError } from './errors'
import type { DocumentStore, LakeDocument } from './store'

export type Perspective = 'published' | 'drafts' | 'raw'

export function parsePerspective(value: string | null | undefined): Perspective {
  if (!value || value === 'published') return 'published'
  if (value === 'drafts' || value === 'previewDrafts') return 'drafts'
  if (value === 'raw') return 'raw'
  throw lakeError(400, 'invalidPerspective', `Unsupported perspective "${value}": use published, drafts or raw`)
}

export const isDraftId = (id: string) => id.startsWith('drafts.')
export const isVersionId = (id: string) => id.startsWith('versions.')
const DRAFT_PREFIX = 'drafts.'

/**
 * Lookups that let a filter start from its candidates instead of the whole dataset. The id sets
 * are the store's (cheap to count); `resolve` turns the smallest into the source's documents, which
 * include all the matching ones, possibly with others (which the filter then drops).
 */
export type DocumentIndexes = {
  byId(id: string): LakeDocument | undefined
  ofType?(type: string): ReadonlySet<string>
  withSlug?(slug: string): ReadonlySet<string>
  referencing?(id: string): ReadonlySet<string>
  resolve?(storedIds: Iterable<string>): LakeDocument[]
  /** `ofType` and `withSlug` resolve to exactly the matching documents, so their test can be skipped. */
  exact?: boolean
}

/** The documents a query sees. `get` backs `->`, so a dereference is a map lookup, not a scan. */
export type DocumentSource = {
  get(id: string): LakeDocument | undefined
  all(): readonly LakeDocument[]
  indexes?: DocumentIndexes
}

const viewCache = new WeakMap<DocumentStore, { version: number; lists: Map<Perspective, LakeDocument[]> }>()

/** The store as seen through a perspective; full lists are cached until the next commit. */
export function perspectiveSource(store: DocumentStore, perspective: Perspective): DocumentSource {
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

/** The store's indexes, resolved through the view's `get` after mapping stored ids by `toViewId`. */
function viewIndexes(store: DocumentStore, get: View['get'], exact: boolean, toViewId = (id: string) => id): View['indexes'] {
  return {
    ofType: (type) => store.idsOfType(type),
    withSlug: (slug) => store.idsWithSlug(slug),
    referencing: (id) => store.idsReferencing(id),
    resolve: (storedIds) => [...new Set([...storedIds].map(toViewId))].flatMap((id) => get(id) ?? []),
    exact,
  }
}

const VIEWS: Record<Perspective, (store: DocumentStore) => View> = {
  raw: (store) => {
    const get = (id: string) => store.get(id)
    return { get, list: () => [...store.documents()], indexes: viewIndexes(store, get, true) }
  },
  published: (store) => {
    const get = (id: string) => (isDraftId(id) || isVersionId(id) ? undefined : store.get(id))
    return { get, list: () => [...store.documents()].filter((doc) => get(doc._id)), indexes: viewIndexes(store, get, true) }
  },
  drafts: (store) => {
    // A draft stands in for its published document, under the published id, as Sanity presents it.
    const get = (id: string) => {
      if (isDraftId(id) || isVersionId(id)) return undefined
      const draft = store.get(DRAFT_PREFIX + id)
      return draft ? { ...draft, _id: id, _originalId: draft._id } : store.get(id)
    }
    const toPublishedId = (id: string) => (isDraftId(id) ? id.slice(DRAFT_PREFIX.length) : id)
    // A draft's published counterpart may differ in type or slug: these lookups are supersets.
    const indexes = viewIndexes(store, get, false, toPublishedId)
    return { get, list: () => indexes.resolve([...store.documents()].map((doc) => doc._id)), indexes }
  },
}

/** Parses a query with its parameters bound, turning every problem into a 400 the client can show. */
export function compileQuery(query: string, params: Record<string, unknown> = {}): ExprNode {
  let tree: ExprNode
  try {
    tree = parse(query, { params })
  } catch (err) {
    if (err instanceof GroqSyntaxError) throw queryParseError(query, err.position, err.message)
    throw lakeError(400, 'queryError', (err as Error).message)
  }
  const missing = nodesOf(tree).find((node) => node.type === 'Parameter')
  if (missing) throw lakeError(400, 'queryError', `param $${String(missing.name)} referenced, but not provided`)
  return tree
}

export type QueryContext = { projectId: string; dataset: string }

export async function evaluateQuery(tree: ExprNode, source: DocumentSource, context: QueryContext): Promise<unknown> {
  const plan = planScan(tree, source)
  try {
    const value = await evaluate(plan.tree, {
      dataset: plan.dataset,
      dereference: ({ _ref }) => source.get(_ref) ?? null,
      sanity: context,
    })
    return await value.get()
  } catch (err) {
    throw lakeError(400, 'queryError', (err as Error).message)
  }
}

type AstNode = { type: string; [key: string]: unknown }

/** Every node of the tree, leaving out bodies of declared functions (their `$args` are not query params). */
function nodesOf(root: unknown): AstNode[] {
  const nodes: AstNode[] = []
  const visit = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(visit)
      return
    }
    if (typeof value !== 'object' || value === null || !('type' in value)) return
    const node = value as AstNode
    nodes.push(node)
    if (node.type === 'FunctionDeclaration' || node.type === 'Value') return
    for (const [key, child] of Object.entries(node)) if (key !== 'type') visit(child)
  }
  visit(root)
  return nodes
}

/** A conjunct's candidates: how many there are at most, and how to get them. */
type Candidates = { size: number; docs: () => LakeDocument[]; exact: boolean; conjunct: AstNode }

/**
 * What to hand groq-js: the whole dataset, or only the candidates of the filter on `*`. Narrowing
 * is used only where it cannot change the result: `*` occurs exactly once, directly filtered by a
 * conjunct on `_id`, `_type`, `slug.current` or `references()`, and nothing else reads the dataset
 * (dereferences go through `source.get`). Where the index answers a conjunct exactly, the conjunct
 * is replaced by `true` so that groq-js does not test every candidate again.
 */
function planScan(tree: ExprNode, source: DocumentSource): { tree: ExprNode; dataset: readonly LakeDocument[] } {
  const whole = { tree, dataset: source.all() }
  const { indexes } = source
  if (!indexes) return whole
  const nodes = nodesOf(tree)
  const everything = nodes.filter((node) => node.type === 'Everything')
  const readsDatasetElsewhere = nodes.some((node) => node.type === 'FuncCall' && node.namespace === 'releases')
  if (everything.length !== 1 || readsDatasetElsewhere) return whole
  const filter = nodes.find((node) => node.type === 'Filter' && node.base === everything[0])
  if (!filter) return whole
  let best: Candidates | undefined
  for (const conjunct of conjuncts(filter.expr as AstNode)) {
    const found = candidatesFor(conjunct, indexes)
    if (found && (!best || found.size < best.size)) best = found
  }
  if (!best) return whole
  const dataset = best.docs()
  if (!best.exact) return { tree, dataset }
  // The index has done the conjunct's work: drop the whole filter if that was all of it.
  const simpler = filter.expr === best.conjunct ? replaceNode(tree, filter, filter.base as AstNode) : replaceNode(tree, best.conjunct, TRUE)
  return { tree: simpler as ExprNode, dataset }
}

const TRUE: AstNode = { type: 'Value', value: true }

function conjuncts(expr: AstNode): AstNode[] {
  if (expr.type === 'And') return [...conjuncts(expr.left as AstNode), ...conjuncts(expr.right as AstNode)]
  if (expr.type === 'Group') return conjuncts(expr.base as AstNode)
  return [expr]
}

function candidatesFor(node: AstNode, indexes: DocumentIndexes): Candidates | undefined {
  if (node.type === 'FuncCall' && node.namespace === 'global' && node.name === 'references') {
    const ids = stringValues(node.args as AstNode[])
    return (
      ids &&
      fromIdSets(
        ids.map((id) => indexes.referencing?.(id)),
        indexes,
        false,
        node,
      )
    )
  }
  if (node.type !== 'OpCall') return undefined
  const left = node.left as AstNode
  const right = node.right as AstNode
  let field: string | undefined
  let values: string[] | undefined
  if (node.op === '==') {
    field = fieldName(left) ?? fieldName(right)
    values = stringValues([fieldName(left) ? right : left])
  } else if (node.op === 'in' && right.type === 'Array') {
    field = fieldName(left)
    values = stringValues((right.elements as AstNode[]).map((element) => (element.isSplat ? element : (element.value as AstNode))))
  }
  if (!field || !values) return undefined
  if (field === '_id') {
    const ids = values
    return { size: ids.length, docs: () => unique(ids.flatMap((id) => indexes.byId(id) ?? [])), exact: true, conjunct: node }
  }
  const lookup = field === '_type' ? indexes.ofType : indexes.withSlug
  return fromIdSets(
    values.map((value) => lookup?.(value)),
    indexes,
    indexes.exact === true,
    node,
  )
}

function fromIdSets(
  sets: (ReadonlySet<string> | undefined)[],
  indexes: DocumentIndexes,
  exact: boolean,
  conjunct: AstNode,
): Candidates | undefined {
  const { resolve } = indexes
  if (!resolve || sets.some((set) => set === undefined)) return undefined
  const idSets = sets as ReadonlySet<string>[]
  return {
    size: idSets.reduce((sum, set) => sum + set.size, 0),
    docs: () => unique(resolve(idSets.flatMap((set) => [...set]))),
    exact,
    conjunct,
  }
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

/** One entry per id (the drafts view builds a fresh object for each lookup of the same id). */
function unique(docs: LakeDocument[]): LakeDocument[] {
  return [...new Map(docs.map((doc) => [doc._id, doc])).values()]
}

/** A copy of the tree with one node swapped; the parsed tree itself is left as it was. */
function replaceNode(node: unknown, target: AstNode, replacement: AstNode): unknown {
  if (node === target) return replacement
  if (Array.isArray(node)) return node.map((child) => replaceNode(child, target, replacement))
  if (typeof node !== 'object' || node === null || (node as AstNode).type === 'Value') return node
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, replaceNode(child, target, replacement)]))
}
