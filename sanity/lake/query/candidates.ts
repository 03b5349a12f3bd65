import { type DereferenceFunction, type ExprNode, evaluateSync } from 'groq-js'
import type { QueryContext } from '../core/context'
import { LakeError } from '../core/errors'
import { compareOrder, orderEntry, RANK_STRING } from '../storage/orderedIndex'
import type { LakeDocument } from '../storage/store'
import { type AstNode, constantParts, isTrue, nodesOf, replaceNodes, TRUE, withoutTrueConjuncts } from './ast'
import type { Deadline } from './limits'
import { isDefinedSlug, nativeTestOf } from './nativeTests'
import { type Plan, Untestable } from './plan'
import { searchPage } from './search/page'
import type { Conjunct, Site } from './sites'
import type { DocumentSource, OrderedDocuments } from './source'
import { ALL_TAG, MEMBER_OF, MEMO_TAG, TAG } from './tags'
import { type Cursor, entriesBefore, type Item, indexCursor, passingBefore, sortedByField, stopRange, type Test, walk } from './walk'

// ---------------------------------------------------------------------------------------------
// Finding candidates while a query is evaluated.
// ---------------------------------------------------------------------------------------------

/** What visiting an index entry costs against a step of sorting a set (measured: a visit reads an entry from memory, a sort step compares two in cache). */
const VISIT_COST = 4

type IdSets = { size: number; sets: ReadonlySet<string>[]; conjunct: Conjunct; values: string[] }

type Found = { size: number; docs: () => LakeDocument[]; conjunct: Conjunct }

/** A site's filter as left to test: `passesAll` where indexes answered all of it; `slugOnly` where all that is left is `defined(slug.current)`. */
type Tester = Test & { passesAll: boolean; slugOnly: boolean }

const NONE_PASSED = { entries: 0, passing: 0 }

export class CandidateFinder {
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
      docs = site.search
        ? this.searchDocuments(site, parentId)
        : site.exact && site.count
          ? this.siteCount(site, parentId)
          : this.siteDocuments(site, parentId)
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

  /**
   * A search's page (with `_score`s) from the text indexes where the view has them; otherwise the
   * site's documents ranked and sliced by groq-js, as the query would.
   */
  private searchDocuments(site: Site, parentId: string | undefined): readonly LakeDocument[] {
    const search = site.search as NonNullable<Site['search']>
    const indexes = this.source.indexes
    const typed = site.conjuncts.find((conjunct) => conjunct.kind === 'type' && conjunct.values.length === 1)
    const type = typed?.kind === 'type' ? (typed.values[0] as string) : undefined
    const { searchable, ordered, shows } = indexes ?? {}
    if (type !== undefined && searchable && ordered && shows) {
      const test = this.tester(site, parentId, [typed], search.match)
      const page = searchPage(search, {
        searchable: searchable(type),
        ordered: (field) => ordered(type, field),
        shows,
        get: this.source.get,
        test: (docs) => test(docs),
      })
      if (page) return page
    }
    const docs = this.siteDocuments(site, parentId)
    const ranked = replaceNodes(search.node, new Map([[search.filter, { type: 'Value', value: docs }]])) as unknown as ExprNode
    const options = { dataset: [], dereference: this.dereference, sanity: this.context, timestamp: this.timestamp }
    try {
      return evaluateSync(ranked, options).data as LakeDocument[]
    } catch (err) {
      if (err instanceof LakeError) throw err
      throw new Untestable()
    }
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
  private tester(site: Site, parentId: string | undefined, known: (Conjunct | undefined)[], holds?: AstNode): Tester {
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
    return Object.assign(test, { passesAll, slugOnly: isDefinedSlug(expr) })
  }

  /**
   * The passing documents in the order of the site's field (ties in dataset order): all of them,
   * or with a limit the first ones and every one tied with the last. Read from the field's sorted
   * index (passing over documents outside the smallest other set), or from that set sorted here,
   * whichever looks cheaper.
   */
  private inFieldOrder(
    site: Site,
    tester: (known: (Conjunct | undefined)[], holds?: AstNode) => Tester,
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
      const cursor = indexCursor(ordered, order.descending, undefined, this.source.indexes?.viewOf, 0, range)
      const inRange = range ? tester([typeIds?.conjunct, referenced.conjunct], stop) : undefined
      const kept = walk(cursor, limit, test, undefined, undefined, offset, inRange) ?? { items: [], skipped: 0 }
      return this.tiesInDatasetOrder(kept.items).slice(kept.skipped)
    }
    if (typeIds?.conjunct.kind === 'type' && typeSet && indexes?.ordered) {
      const visits = Math.min(typeSet.size, others ? (limit * typeSet.size) / Math.max(others.size, 1) : limit)
      if (!others || visits * VISIT_COST <= sortCost) {
        const ordered = indexes.ordered(typeIds.conjunct.values[0] as string, order.field)
        const test = tester([typeIds.conjunct, others?.conjunct])
        const passed = ordered.dense && !others && !order.stop ? this.passedBefore(ordered, order.descending, offset, test) : NONE_PASSED
        const stop = order.stop && (!order.stop.timestamps || ordered.timestampsInOrder) ? order.stop.node : undefined
        // The string values for which the range conjunct holds, found by halving: the walk passes
        // over the rest of them, and needs test only the other conjuncts on these.
        const range = stop && stopRange(ordered.entries, order, stop, test)
        const cursor = indexCursor(ordered, order.descending, others?.sets, this.source.indexes?.viewOf, passed.entries, range)
        // Passing over non-members is cheap; give up on the index once that costs more than sorting them would.
        const giveUp = others ? () => cursor.visited > 8 * sortCost + 1_000 : undefined
        const inRange = range ? tester([typeIds.conjunct, others?.conjunct], stop) : undefined
        const kept = walk(cursor, limit - passed.passing, test, undefined, giveUp, offset - passed.passing, inRange)
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

  /**
   * The entries of a dense index the walk need not visit, and how many of them pass: the first
   * `offset` where every entry passes; where the test is `defined(slug.current)`, those before the
   * `offset`-th passing one, counted from the store's keys (a document is read only where its slug
   * is not a string).
   */
  private passedBefore(ordered: OrderedDocuments, descending: boolean, offset: number, test: Tester): { entries: number; passing: number } {
    if (test.passesAll) {
      const entries = entriesBefore(ordered.entries, descending, offset)
      return { entries, passing: entries }
    }
    const hasStringSlug = this.source.indexes?.hasStringSlug
    const viewOf = this.source.indexes?.viewOf
    if (!test.slugOnly || !hasStringSlug || !viewOf) return NONE_PASSED
    return passingBefore(
      ordered.entries,
      descending,
      offset,
      (id) => hasStringSlug(id) || undefined,
      (id) => {
        const doc = viewOf(id)
        return doc !== undefined && test([doc]).length === 1
      },
    )
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
