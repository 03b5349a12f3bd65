import { DRAFT_PREFIX, isDraftId, isPublicId, isPublishedId, isVersionId } from '../core/ids'
import type { Reader } from '../core/perspective'
import type { OrderedScope } from '../storage/orderedIndex'
import type { DocumentStore, LakeDocument } from '../storage/store'
import { SearchableType } from './search/searchableType'
import type { DocumentIndexes, DocumentSource } from './source'

/**
 * The store as seen through a perspective. Its whole dataset is read from the store's database
 * when a query asks for it (once per query, see `evaluateQuery`) and not kept: an archive's
 * documents stay on disk, and queries start from the indexes.
 */
export function perspectiveSource(store: DocumentStore, perspective: Reader): DocumentSource {
  const view = VIEWS[perspective](store)
  return { get: view.get, indexes: { ...view.indexes, byId: view.get }, all: view.list }
}

type View = {
  get(id: string): LakeDocument | undefined
  list(): LakeDocument[]
  indexes: Required<Omit<DocumentIndexes, 'byId' | 'searchable'>> & Pick<DocumentIndexes, 'searchable'>
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
    hasStringSlug: (id) => store.hasStringSlug(id),
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
    searchable: dense ? (type) => SearchableType.of(store, type) : undefined,
    shows,
  }
}

const storedPosition = (store: DocumentStore) => (id: string) => store.positionOf(id) ?? Number.POSITIVE_INFINITY
/** The same function for every query, so that what it says of a document can be kept with the document (search/searchableType.ts); the published view's is isPublishedId. */
const showsAll = () => true

const VIEWS: Record<Reader, (store: DocumentStore) => View> = {
  raw: (store) => {
    const get = (id: string) => store.get(id)
    const indexes = viewIndexes(store, {
      get,
      toViewId: (id) => id,
      shows: showsAll,
      position: storedPosition(store),
      dense: 'all',
      countOfType: (type) => store.idsOfType(type).size,
    })
    return { get, list: () => [...store.documents()], indexes }
  },
  published: (store) => {
    const get = (id: string) => (isPublishedId(id) ? store.get(id) : undefined)
    const indexes = viewIndexes(store, {
      get,
      toViewId: (id) => id,
      shows: isPublishedId,
      position: storedPosition(store),
      dense: 'published',
      countOfType: (type) => store.publishedCountOfType(type),
    })
    return { get, list: () => [...store.documents()].filter((doc) => isPublishedId(doc._id)), indexes }
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
    const hasDraft = (id: string) => store.positionOf(DRAFT_PREFIX + id) !== undefined
    const shows = (id: string) => !isVersionId(id) && (isDraftId(id) || !hasDraft(id))
    // A draft's published counterpart may differ in type or slug: these lookups are supersets.
    const indexes = viewIndexes(store, { get, toViewId, shows, position, countOfType: () => undefined })
    const list = () => {
      const seen = new Set<string>()
      const docs: LakeDocument[] = []
      for (const stored of store.documents()) {
        const id = toViewId(stored._id)
        if (seen.has(id)) continue
        seen.add(id)
        if (isDraftId(id) || isVersionId(id)) continue
        // The stored document read here is the draft itself, or the published one when it has no draft.
        const draft = isDraftId(stored._id) ? stored : hasDraft(id) ? store.get(DRAFT_PREFIX + id) : undefined
        docs.push(draft ? { ...draft, _id: id, _originalId: draft._id } : stored)
      }
      return docs
    }
    return { get, list, indexes }
  },
}
