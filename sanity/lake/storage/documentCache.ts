import type { LakeDocument } from './store'

/** The most recently read or written documents, parsed: what a site's pages read again and again. */
export class DocumentCache {
  private readonly docs = new Map<string, LakeDocument>()

  constructor(private readonly capacity: number) {}

  get(id: string): LakeDocument | undefined {
    const doc = this.docs.get(id)
    if (doc) {
      this.docs.delete(id)
      this.docs.set(id, doc)
    }
    return doc
  }

  set(id: string, doc: LakeDocument): void {
    this.docs.delete(id)
    this.docs.set(id, doc)
    if (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value as string)
  }

  delete(id: string): void {
    this.docs.delete(id)
  }
}
