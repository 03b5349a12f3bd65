import type { Deadline } from './limits'
import { type DocumentOrigins, keySegment, type MappedDocument, type Origin } from './sourceMapDocuments'
import { type AttributeRule, isHiddenKey, type MarkedQuery } from './sourceMapTree'

/** A Content Source Map (`sanity-io/content-source-maps`), as `@sanity/client` reads `resultSourceMap`. */
export type ContentSourceMap = {
  documents: MappedDocument[]
  paths: string[]
  mappings: Record<string, { type: 'value'; source: { type: 'documentValue'; document: number; path: number } | { type: 'unknown' } }>
}

const UNKNOWN = { type: 'value', source: { type: 'unknown' } } as const

/** A value's source: an object or array of a document, and the attribute path read from it (none: the attribute of the same name). */
type Source = { origin: Origin; path: readonly string[] | undefined }

/**
 * An object the query built, copied without its hidden keys; the source of each attribute; and the
 * object it mostly copies (`{...}`, `{ title, body }`), if any: the copy is mapped at its root as
 * that object, and only its other attributes one by one.
 */
type Built = { clean: Record<string, unknown>; sources: Map<string, Source | undefined>; self: unknown; copies: Origin | undefined }

/** What a path is taken to name under the nearest mapped object: a document's value there, if any. Undefined: no object above is mapped. */
type Implied = { value: unknown } | undefined

const attributeOf = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined

/** The item the client takes a result item for: the one with its `_key`, or at its index. */
function itemAt(array: unknown, index: number, item: unknown): unknown {
  if (!Array.isArray(array)) return undefined
  const key = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)._key : undefined
  if (typeof key !== 'string' || key === '') return array[index]
  const atIndex = array[index] as Record<string, unknown> | undefined
  return atIndex?._key === key ? atIndex : array.find((candidate) => candidate?._key === key)
}

const isSameAttribute = (source: Source | undefined, key: string, origin: Origin) =>
  source !== undefined && source.origin === origin && (source.path === undefined || (source.path.length === 1 && source.path[0] === key))

/**
 * Walks a result of a marked query (`markedQuery`): maps every value whose source is known, and
 * gives the result back as the query alone gives it, each object it built copied without its
 * hidden keys (deleting them would leave objects slow to read and to write out).
 *
 * A value that is itself an object or array of a document is mapped at its root (the client maps
 * what is inside it by the rest of its path). An attribute of an object the query built is mapped
 * when its literal reads it by an attribute path from a known object. Anything else (a computed
 * value, a new array) is looked into, and what cannot be traced is left unmapped.
 */
export function buildSourceMap(
  result: unknown,
  query: MarkedQuery,
  origins: DocumentOrigins,
  deadline?: Deadline,
): { result: unknown; resultSourceMap: ContentSourceMap } {
  const paths: string[] = []
  const pathIndexes = new Map<string, number>()
  const mappings: ContentSourceMap['mappings'] = {}
  /** Objects the query built, and their copies without the hidden keys: the same object can stand in a result twice. */
  const built = new Map<object, Built>()

  const pathIndex = (sourcePath: string) => {
    let index = pathIndexes.get(sourcePath)
    if (index === undefined) {
      index = paths.push(sourcePath) - 1
      pathIndexes.set(sourcePath, index)
    }
    return index
  }
  /** Indexes of paths one attribute below another: most mappings are, and their paths repeat across documents. */
  const attributePaths = new Map<string, Map<string, number>>()
  const attributePathIndex = (base: string, key: string) => {
    let byKey = attributePaths.get(base)
    if (!byKey) {
      byKey = new Map()
      attributePaths.set(base, byKey)
    }
    let index = byKey.get(key)
    if (index === undefined) {
      index = pathIndex(base + keySegment(key))
      byKey.set(key, index)
    }
    return index
  }

  const emit = (at: string, origin: Origin, path: readonly string[]) => {
    let index: number
    if (path.length === 0) index = pathIndex(origin.path)
    else if (path.length === 1) index = attributePathIndex(origin.path, path[0] as string)
    else index = pathIndex(origin.path + path.map(keySegment).join(''))
    mappings[at] = { type: 'value', source: { type: 'documentValue', document: origin.document, path: index } }
  }

  /** The source of each attribute of an object an object literal built, and the object without its hidden keys. */
  const builtObject = (object: Record<string, unknown>): Built | undefined => {
    const seen = built.get(object)
    if (seen) return seen
    // The literal that built it is the last to have put its marker in (a spread copies the markers of what it spreads).
    let owner: AttributeRule[] | undefined
    let self: unknown
    for (const key in object) {
      const rules = query.objects.get(key)
      if (rules) {
        owner = rules
        self = object[key]
      }
    }
    if (!owner) return undefined
    const selfOrigin = origins.of(self)
    const sources = new Map<string, Source | undefined>()
    const apply = (rules: AttributeRule[]) => {
      for (const rule of rules) {
        if (rule.kind === 'spread') {
          if (typeof self !== 'object' || self === null) continue
          const spread = selfOrigin && { origin: selfOrigin, path: undefined }
          for (const key in self) if (!isHiddenKey(key)) sources.set(key, spread)
        } else if (rule.kind === 'opaque') sources.clear()
        else if (rule.kind === 'conditional') {
          if (rule.marker in object) apply(rule.rules)
        } else {
          const { source } = rule
          if (selfOrigin && rule.name in object) for (const name of rule.reads) origins.indexAttribute(self, selfOrigin, name)
          const base = source && (source.base === 'self' ? selfOrigin : origins.of(object[source.base.hiddenKey]))
          sources.set(rule.name, source && base && { origin: base, path: source.path })
        }
      }
    }
    apply(owner)
    const clean: Record<string, unknown> = {}
    let same = 0
    for (const key in object) {
      if (isHiddenKey(key)) continue
      clean[key] = object[key]
      if (selfOrigin && isSameAttribute(sources.get(key), key, selfOrigin)) same++
    }
    const entry = { clean, sources, self, copies: same > 1 ? selfOrigin : undefined }
    built.set(object, entry)
    built.set(clean, entry)
    return entry
  }

  /**
   * Maps the value and what is inside it; gives it back without hidden keys. `implied` is what the
   * client would take the value's source to be without a mapping of its own: the value at the
   * same place under the nearest mapped object (`@sanity/client` resolves a path by its longest
   * mapped prefix and the rest of the path, array items by `_key`). Where that is the value
   * itself, no mapping is written; where the value has no known source but would be taken for
   * that one, it is mapped as unknown.
   */
  const visit = (value: unknown, at: string, implied: Implied): unknown => {
    if (typeof value !== 'object' || value === null) {
      if (implied && value !== undefined && value !== null) mappings[at] = UNKNOWN
      return value
    }
    deadline?.step()
    const origin = origins.of(value)
    if (origin) {
      if (implied?.value !== value) emit(at, origin, [])
      return value
    }
    if (Array.isArray(value)) {
      // Arrays that are not a document's own are the query's: they take their items' copies in place.
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i]
        const clean = visit(item, `${at}[${i}]`, implied && { value: itemAt(implied.value, i, item) })
        if (clean !== item) value[i] = clean
      }
      return value
    }
    const entry = builtObject(value as Record<string, unknown>)
    const object = entry?.clean ?? (value as Record<string, unknown>)
    const copies = entry?.copies
    let inside = implied?.value
    if (copies && entry) {
      if (inside !== entry.self) emit(at, copies, [])
      inside = entry.self
    }
    const covered = implied !== undefined || copies !== undefined
    for (const key in object) {
      const child = object[key]
      const source = entry?.sources.get(key)
      if (copies && isSameAttribute(source, key, copies)) continue
      if (source) {
        if (child !== null && child !== undefined) emit(at + keySegment(key), source.origin, source.path ?? [key])
      } else if (child !== null && (covered || typeof child === 'object')) {
        const clean = visit(child, at + keySegment(key), covered ? { value: attributeOf(inside, key) } : undefined)
        if (clean !== child) object[key] = clean
      }
    }
    return object
  }

  const clean = visit(result, '$', undefined)
  return { result: clean, resultSourceMap: { documents: origins.documents, paths, mappings } }
}
