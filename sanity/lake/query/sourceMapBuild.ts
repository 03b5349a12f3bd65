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

/**
 * Walks a result of a marked query (`markedQuery`): maps every value whose source is known, and
 * takes the hidden keys out of the objects, leaving the result as the query alone gives it.
 *
 * A value that is itself an object or array of a document is mapped at its root (the client maps
 * what is inside it by the rest of its path). An attribute of an object the query built is mapped
 * when its literal reads it by an attribute path from a known object. Anything else (a computed
 * value, a new array) is looked into, and what cannot be traced is left unmapped.
 */
export function buildSourceMap(result: unknown, query: MarkedQuery, origins: DocumentOrigins, deadline?: Deadline): ContentSourceMap {
  const paths: string[] = []
  const pathIndexes = new Map<string, number>()
  const mappings: ContentSourceMap['mappings'] = {}
  /** Objects the query built, once their hidden keys are out: the same object can stand in a result twice. */
  const sourcesOfObjects = new Map<object, Map<string, Source | undefined>>()

  const emit = (at: string, origin: Origin, path: string[]) => {
    const sourcePath = origins.pathOf(origin) + path.map(keySegment).join('')
    let index = pathIndexes.get(sourcePath)
    if (index === undefined) {
      index = paths.push(sourcePath) - 1
      pathIndexes.set(sourcePath, index)
    }
    mappings[at] = { type: 'value', source: { type: 'documentValue', document: origin.document, path: index } }
  }

  const sourcesOf = (object: Record<string, unknown>): Map<string, Source | undefined> | undefined => {
    const seen = sourcesOfObjects.get(object)
    if (seen) return seen
    // The literal that built it is the last to have put its marker in (a spread copies the markers of what it spreads).
    let owner: AttributeRule[] | undefined
    let self: unknown
    for (const key of Object.keys(object)) {
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
          for (const key of Object.keys(self)) {
            if (!isHiddenKey(key)) sources.set(key, selfOrigin && { origin: selfOrigin, path: [key] })
          }
        } else if (rule.kind === 'opaque') sources.clear()
        else if (rule.kind === 'conditional') {
          if (rule.marker in object) apply(rule.rules)
        } else {
          const { source } = rule
          const base = source && (source.base === 'self' ? selfOrigin : origins.of(object[source.base.hiddenKey]))
          sources.set(rule.name, source && base && { origin: base, path: source.path })
        }
      }
    }
    apply(owner)
    for (const key of Object.keys(object)) if (isHiddenKey(key)) delete object[key]
    sourcesOfObjects.set(object, sources)
    return sources
  }

  const visit = (value: unknown, at: string): void => {
    if (typeof value !== 'object' || value === null) return
    deadline?.step()
    const origin = origins.of(value)
    if (origin) {
      emit(at, origin, [])
      return
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, `${at}[${i}]`))
      return
    }
    const record = value as Record<string, unknown>
    const sources = sourcesOf(record)
    for (const [key, child] of Object.entries(record)) {
      const source = sources?.get(key)
      if (source && child !== null && child !== undefined) emit(at + keySegment(key), source.origin, source.path)
      else visit(child, at + keySegment(key))
    }
  }

  visit(result, '$')
  return { documents: origins.documents, paths, mappings }
}
