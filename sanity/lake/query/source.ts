import type { OrderEntry } from '../storage/orderedIndex'
import type { LakeDocument } from '../storage/store'
import type { TextTerm } from '../storage/textIndex'
import type { SearchableType } from './search/searchableType'

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
  /** Whether the stored document's `slug.current` is a string, known without reading it. */
  hasStringSlug?(storedId: string): boolean
  /** Stored ids of the documents that can match a `match` with these terms: every one that does, and perhaps more. */
  matchingWords?(terms: readonly TextTerm[]): ReadonlySet<string>
  resolve?(storedIds: Iterable<string>): LakeDocument[]
  viewOf?(storedId: string): LakeDocument | undefined
  ordered?(type: string, field: string): OrderedDocuments
  /** The documents of a type referencing one id, in one field's order (drafts and all, as `ordered` in a view that is not dense). */
  orderedReferencing?(type: string, field: string, refId: string): OrderedDocuments
  /** A view document's place in the view's dataset order, which breaks ties in `order()`. */
  position?(viewId: string): number
  /**
   * A type's documents with the word indexes searches read (search/searchableType.ts), where the
   * view shows stored documents as themselves, in stored order (a draft does not stand in for
   * another id), and `shows` which.
   */
  searchable?(type: string): SearchableType
  shows?(storedId: string): boolean
  /** How many documents of the type the view shows, where that is known without a scan. */
  countOfType?(type: string): number | undefined
}

/** The documents a query sees. `get` backs `->`, so a dereference is a map lookup, not a scan. */
export type DocumentSource = {
  get(id: string): LakeDocument | undefined
  all(): readonly LakeDocument[]
  indexes?: DocumentIndexes
}
