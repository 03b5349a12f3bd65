import type { Deadline } from './limits'
import type { DocumentSource } from './source'

/**
 * Where an object or array of a document sits: the document's place in the map, and its step from
 * its parent (an attribute, an item's `_key`, or an item's index). Paths are written out only for
 * origins a mapping names, once each.
 */
export class Origin {
  private written: string | undefined
  constructor(
    readonly document: number,
    private readonly parent: Origin | undefined,
    private readonly step: string | number,
    private readonly byKey = false,
  ) {}

  /** The normalised JSON path within its document: `$['body'][?(@._key=='k1')]['children'][0]`. */
  get path(): string {
    if (this.written === undefined) {
      const segment = this.byKey
        ? keySelector(this.step as string)
        : typeof this.step === 'number'
          ? `[${this.step}]`
          : keySegment(this.step)
      this.written = this.parent ? this.parent.path + segment : '$'
    }
    return this.written
  }
}

export type MappedDocument = { _id: string; _type: string }

type Record_ = Record<string, unknown>
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null

const ESCAPES: Record<string, string> = { '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', "'": "\\'", '\\': '\\\\' }
const NEEDS_ESCAPE = /[\f\n\r\t'\\]/
const segments = new Map<string, string>()

/** `['name']`, escaped as `@sanity/client` reads normalised JSON paths (attribute names repeat: each is written once). */
export function keySegment(key: string): string {
  let segment = segments.get(key)
  if (segment === undefined) {
    segment = NEEDS_ESCAPE.test(key) ? `['${key.replace(/[\f\n\r\t'\\]/g, (c) => ESCAPES[c] as string)}']` : `['${key}']`
    if (segments.size < 10_000) segments.set(key, segment)
  }
  return segment
}

const keySelector = (key: string) => `[?(@._key=='${key.replace(/['\\]/g, (c) => ESCAPES[c] as string)}')]`

/**
 * The documents a query's result came from, and where in them each object and array sits. groq-js
 * hands on the very objects of the documents it reads, so an object's identity is its origin. A
 * document is recognised when met (it is what the source gives for its `_id`), and its insides
 * are indexed only where the query reads them, so a query pays for what its result shows, not for
 * the documents it tested or the parts of them it left out.
 */
export class DocumentOrigins {
  readonly documents: MappedDocument[] = []
  /** Each document's place in `documents` (a copy of a document met again is the same document). */
  private readonly numbers = new Map<string, number>()
  private readonly known = new Map<object, Origin>()
  private readonly notDocuments = new Set<object>()

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
    const id = (value as Record_)._id
    if (typeof id !== 'string' || typeof (value as Record_)._type !== 'string') return undefined
    if (this.isDocument(id, value as Record_)) return this.index(value as Record_)
    this.notDocuments.add(value)
    return undefined
  }

  /** Whether the value is a document as the source gives it: the same object, or a copy with the same fields. */
  private isDocument(id: string, value: Record_): boolean {
    this.deadline?.step()
    const doc = this.source.get(id) as Record_ | undefined
    if (doc === value) return true
    if (!doc) return false
    // A copy: a draft standing in for its published document, or a document `score()` gave a `_score`.
    let fields = 0
    for (const key in doc) {
      if (doc[key] !== value[key]) return false
      fields++
    }
    return Object.keys(value).length === fields + (value._score !== undefined && doc._score === undefined ? 1 : 0)
  }

  /** A document met in the result: named by its own id (a draft's is `drafts.x`, as Sanity's maps name it). What is inside it is indexed only where a query reads it (`indexAttribute`). */
  private index(doc: Record_): Origin {
    const id = String(doc._originalId ?? doc._id)
    let document = this.numbers.get(id)
    if (document === undefined) {
      document = this.documents.push({ _id: id, _type: String(doc._type) }) - 1
      this.numbers.set(id, document)
    }
    const root = new Origin(document, undefined, '')
    this.known.set(doc, root)
    return root
  }

  /**
   * Every object and array inside one attribute of a known object, with its path: what a query
   * reads from there (`authors[]{...}`, `observations | order(period)`) is then found by identity.
   */
  indexAttribute(container: unknown, origin: Origin, key: string): void {
    const value = isObject(container) ? (container as Record_)[key] : undefined
    if (!isObject(value) || this.known.has(value)) return
    const stack: [object, Origin][] = [[value, new Origin(origin.document, origin, key)]]
    for (let next = stack.pop(); next; next = stack.pop()) {
      this.deadline?.step()
      const [value, at] = next
      this.known.set(value, at)
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i]
          if (!isObject(item) || this.known.has(item)) continue
          const itemKey = this.keyed ? (item as Record_)._key : undefined
          stack.push([
            item,
            typeof itemKey === 'string' && itemKey !== '' ? new Origin(at.document, at, itemKey, true) : new Origin(at.document, at, i),
          ])
        }
      } else {
        for (const name in value) {
          const child = (value as Record_)[name]
          if (isObject(child) && !this.known.has(child)) stack.push([child, new Origin(at.document, at, name)])
        }
      }
    }
  }
}
