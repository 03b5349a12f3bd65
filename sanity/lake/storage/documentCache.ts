import type { LakeDocument } from './store'

/**
 * The most recently read or written documents, parsed: what a site's pages read again and again.
 * Two generations of `capacity` each, rather than a strict least-recently-used list: a read of a
 * recent document is one map lookup (a strict list moves the document on every read, which a query
 * reading a thousand documents paid for a thousand times). A document read in the older generation
 * moves to the newer; when the newer is full, the older is dropped. So the last `capacity`
 * documents read are always kept, and at most twice as many: a walk over a few thousand documents,
 * repeated, finds every one of them here, as it did in the strict list.
 */
export class DocumentCache {
  private recent = new Map<string, LakeDocument>()
  private older = new Map<string, LakeDocument>()
  constructor(private readonly capacity: number) {}

  get(id: string): LakeDocument | undefined {
    const doc = this.recent.get(id)
    if (doc) return doc
    const old = this.older.get(id)
    if (old) this.set(id, old)
    return old
  }

  set(id: string, doc: LakeDocument): void {
    this.older.delete(id)
    if (!this.recent.has(id) && this.recent.size >= this.capacity) {
      this.older = this.recent
      this.recent = new Map()
    }
    this.recent.set(id, doc)
  }

  delete(id: string): void {
    this.recent.delete(id)
    this.older.delete(id)
  }
}
