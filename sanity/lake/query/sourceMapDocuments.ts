import type { Deadline } from './limits'
import type { DocumentSource } from './source'

/** Where an object or array of a document sits: the document's place in the map, and the path, built from its parent's. */
export type Origin = { document: number; parent: Origin | undefined; segment: string }

export type MappedDocument = { _id: string; _type: string }

type Record_ = Record<string, unknown>
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null

const ESCAPES: Record<string, string> = { '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\' }

/** `['name']`, escaped as `@sanity/client` reads normalised JSON paths. */
export const keySegment = (key: string) => `['${key.replace(/[\f\n\r\t'\\]/g, (c) => ESCAPES[c] as string)}']`

/** `[?(@._key=='k')]` for an array item with a key (when asked for), `[i]` otherwise. */
function itemSegment(item: unknown, index: number, keyed: boolean): string {
  const key = keyed && isObject(item) ? (item as Record_)._key : undefined
  return typeof key === 'string' && key !== '' ? `[?(@._key=='${key.replace(/['\\]/g, (c) => ESCAPES[c] as string)}')]` : `[${index}]`
}

/**
 * The documents a query's result came from, and where in them each object and array sits. groq-js
 * hands on the very objects of the documents it reads, so an object's identity is its origin. A
 * document is recognised when met (it is what the source gives for its `_id`) and only then
 * indexed, so a query that tests thousands of documents pays only for those its result shows.
 */
export class DocumentOrigins {
  readonly documents: MappedDocument[] = []
  private readonly known = new Map<object, Origin>()
  private readonly notDocuments = new WeakSet<object>()

  constructor(
    private readonly source: DocumentSource,
    private readonly keyed: boolean,
    private readonly deadline: Deadline | undefined,
  ) {}

  /** The origin of an object or array of a document, or undefined for anything made by the query. */
  of(value: unknown): Origin | undefined {
    if (!isObject(value)) return undefined
    const known = this.known.get(value)
    if (known || Array.isArray(value) || this.notDocuments.has(value)) return known
    if (this.isDocument(value as Record_)) return this.index(value as Record_)
    this.notDocuments.add(value)
    return undefined
  }

  /** The normalised JSON path of an origin, within its document. */
  pathOf(origin: Origin): string {
    const segments: string[] = []
    for (let at: Origin | undefined = origin; at; at = at.parent) segments.push(at.segment)
    return `$${segments.reverse().join('')}`
  }

  /**
   * Whether the value is a document as the source gives it: the same object, or (where the view
   * makes a copy, a draft standing in for its published document) a copy with the same fields.
   */
  private isDocument(value: Record_): boolean {
    const id = value._id
    if (typeof id !== 'string' || typeof value._type !== 'string') return false
    this.deadline?.step()
    const doc = this.source.get(id) as Record_ | undefined
    if (doc === value) return true
    if (!doc || doc._originalId === undefined || doc._originalId !== value._originalId) return false
    const keys = Object.keys(doc)
    return keys.length === Object.keys(value).length && keys.every((key) => doc[key] === value[key])
  }

  /** Every object and array of the document, with its path. A draft is named by its own id, as Sanity's maps do. */
  private index(doc: Record_): Origin {
    const document = this.documents.push({ _id: String(doc._originalId ?? doc._id), _type: String(doc._type) }) - 1
    const root: Origin = { document, parent: undefined, segment: '' }
    this.known.set(doc, root)
    const stack: [object, Origin][] = [[doc, root]]
    const add = (child: unknown, parent: Origin, segment: string) => {
      if (!isObject(child) || this.known.has(child)) return
      const origin = { document, parent, segment }
      this.known.set(child, origin)
      stack.push([child, origin])
    }
    for (let next = stack.pop(); next; next = stack.pop()) {
      this.deadline?.step()
      const [value, origin] = next
      if (Array.isArray(value)) value.forEach((item, i) => add(item, origin, itemSegment(item, i, this.keyed)))
      else for (const [key, child] of Object.entries(value)) add(child, origin, keySegment(key))
    }
    return root
  }
}
