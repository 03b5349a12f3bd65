import type { Deadline } from './limits'
import { type DocumentOrigins, keySegment, type MappedDocument, type Origin } from './sourceMapDocuments'
import { type AttributeRule, isHiddenKey, type MarkedQuery } from './sourceMapTree'

/** A Content Source Map (`sanity-io/content-source-maps`), as `@sanity/client` reads `resultSourceMap`. */
export type ContentSourceMap = {
  documents: MappedDocument[]
  paths: string[]
  mappings: Record<string, { type: 'value'; source: { type: 'documentValue'; document: number; path: number } }>
}

/** A value's source: an object or array of a document, and the attribute path read from it. */
type Source = { origin: Origin; path: string[] }

type Built = { clean: Record<string, unknown>; sources: Map<string, Source | undefined> }

/** Every attribute is the attribute of the same name of one object (`{...}`, `{ title, body }`): the object can be mapped at its root, as one. */
function copiesOneObject(object: Record<string, unknown>, sources: Map<string, Source | undefined>): boolean {
  let origin: Origin | undefined
  for (const key in object) {
    const source = sources.get(key)
    if (!source || source.path.length !== 1 || source.path[0] !== key || (origin && source.origin !== origin)) return false
    origin = source.origin
  }
  return origin !== undefined
}

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

  const emit = (at: string, origin: Origin, path: string[]) => {
    let sourcePath = origin.path
    for (const key of path) sourcePath += keySegment(key)
    let index = pathIndexes.get(sourcePath)
    if (index === undefined) {
      index = paths.push(sourcePath) - 1
      pathIndexes.set(sourcePath, index)
    }
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
          for (const key in self) if (!isHiddenKey(key)) sources.set(key, selfOrigin && { origin: selfOrigin, path: [key] })
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
    for (const key in object) if (!isHiddenKey(key)) clean[key] = object[key]
    const entry = { clean, sources }
    built.set(object, entry)
    built.set(clean, entry)
    return entry
  }

  /** Maps the value and what is inside it; gives it back without hidden keys. */
  const visit = (value: unknown, at: string): unknown => {
    if (typeof value !== 'object' || value === null) return value
    deadline?.step()
    const origin = origins.of(value)
    if (origin) {
      emit(at, origin, [])
      return value
    }
    if (Array.isArray(value)) {
      // Arrays that are not a document's own are the query's: they take their items' copies in place.
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i]
        if (typeof item !== 'object' || item === null) continue
        const clean = visit(item, `${at}[${i}]`)
        if (clean !== item) value[i] = clean
      }
      return value
    }
    const entry = builtObject(value as Record<string, unknown>)
    const object = entry?.clean ?? (value as Record<string, unknown>)
    const sources = entry?.sources
    if (sources && copiesOneObject(object, sources)) {
      emit(at, sources.values().next().value?.origin as Origin, [])
      return object
    }
    for (const key in object) {
      const child = object[key]
      const source = sources?.get(key)
      if (source) {
        if (child !== null && child !== undefined) emit(at + keySegment(key), source.origin, source.path)
      } else if (typeof child === 'object' && child !== null) {
        const clean = visit(child, at + keySegment(key))
        if (clean !== child) object[key] = clean
      }
    }
    return object
  }

  const clean = visit(result, '$')
  return { result: clean, resultSourceMap: { documents: origins.documents, paths, mappings } }
}
