import { isPublishedId } from '../core/ids'
import { type DocumentChange, NO_IDS } from './change'
import { type DocumentTable, slugOf } from './documentTable'

/**
 * What queries start from, held in memory for every document: its position in the dataset, its
 * type and `slug.current`, who references it, and how many drafts each type has. Filled from the
 * table's keys and references (no document is read) and kept up to date by every commit.
 */
export class KeyIndexes {
  private readonly byType = new Map<string, Set<string>>()
  private readonly bySlug = new Map<string, Set<string>>()
  /** The documents whose `slug.current` is a string: `defined(slug.current)` holds for them without reading them. */
  private readonly slugged = new Set<string>()
  private readonly referencedBy = new Map<string, Set<string>>()
  /** How many drafts and release versions each type has, so published documents of a type are counted without a scan. */
  private readonly unpublishedOfType = new Map<string, number>()
  /** Each document's position in the dataset (insertion order, which updates keep): GROQ breaks ties in `order()` by it. */
  private readonly positions = new Map<string, number>()
  private readonly ids = new Map<number, string>()

  constructor(table: DocumentTable) {
    for (const { position, id, type, slug } of table.keys()) {
      this.positions.set(id, position)
      this.ids.set(position, id)
      addTo(this.byType, type, id)
      if (slug !== null) {
        addTo(this.bySlug, slug, id)
        this.slugged.add(id)
      }
      if (!isPublishedId(id)) this.countUnpublished(type, 1)
    }
    for (const [target, source] of table.references()) {
      // The id as the keys above hold it, so that the index shares one string per document.
      addTo(this.referencedBy, target, this.ids.get(this.positions.get(source) as number) ?? source)
    }
  }

  get size(): number {
    return this.positions.size
  }

  has(id: string): boolean {
    return this.positions.has(id)
  }

  /** Where the document stands in the dataset. */
  positionOf(id: string): number | undefined {
    return this.positions.get(id)
  }

  /** The id of the document at a position. */
  idAt(position: number): string | undefined {
    return this.ids.get(position)
  }

  idsOfType(type: string): ReadonlySet<string> {
    return this.byType.get(type) ?? NO_IDS
  }

  /** How many published documents (neither drafts nor release versions) have this type. */
  publishedCountOfType(type: string): number {
    return this.idsOfType(type).size - (this.unpublishedOfType.get(type) ?? 0)
  }

  /** Ids of the documents whose `slug.current` is `slug`. */
  idsWithSlug(slug: string): ReadonlySet<string> {
    return this.bySlug.get(slug) ?? NO_IDS
  }

  /** Whether the document's `slug.current` is a string. */
  hasStringSlug(id: string): boolean {
    return this.slugged.has(id)
  }

  /** Ids of the documents holding a reference (`_ref`) to `id`: those `references(id)` matches. */
  idsReferencing(id: string): ReadonlySet<string> {
    return this.referencedBy.get(id) ?? NO_IDS
  }

  /** Brings every index from the change's `before` to its `after`, touching only the keys that changed. */
  apply({ id, before, after, position, refsBefore, refsAfter }: DocumentChange): void {
    const positionBefore = this.positions.get(id)
    if (positionBefore !== undefined && positionBefore !== position) {
      this.positions.delete(id)
      this.ids.delete(positionBefore)
    }
    if (position !== undefined) {
      this.positions.set(id, position)
      this.ids.set(position, id)
    }
    if (before?._type !== after?._type) {
      if (before) removeFrom(this.byType, before._type, id)
      if (after) addTo(this.byType, after._type, id)
      if (!isPublishedId(id)) {
        if (before) this.countUnpublished(before._type, -1)
        if (after) this.countUnpublished(after._type, 1)
      }
    }
    const slugBefore = before && slugOf(before)
    const slugAfter = after && slugOf(after)
    if (slugBefore !== slugAfter) {
      if (slugBefore !== undefined) removeFrom(this.bySlug, slugBefore, id)
      if (slugAfter !== undefined) addTo(this.bySlug, slugAfter, id)
      if (slugAfter !== undefined) this.slugged.add(id)
      else this.slugged.delete(id)
    }
    for (const ref of refsBefore) if (!refsAfter.has(ref)) removeFrom(this.referencedBy, ref, id)
    for (const ref of refsAfter) if (!refsBefore.has(ref)) addTo(this.referencedBy, ref, id)
  }

  private countUnpublished(type: string, delta: number) {
    this.unpublishedOfType.set(type, (this.unpublishedOfType.get(type) ?? 0) + delta)
  }
}

function addTo(index: Map<string, Set<string>>, key: string, id: string) {
  const ids = index.get(key) ?? new Set()
  ids.add(id)
  index.set(key, ids)
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string) {
  const ids = index.get(key)
  if (!ids) return
  ids.delete(id)
  if (ids.size === 0) index.delete(key)
}
