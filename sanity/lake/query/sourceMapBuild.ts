import type { Deadline } from './limits'
import { type DocumentOrigins, keySegment, type MappedDocument, type Origin } from './sourceMapDocuments'
import { type AttributeRead, type AttributeRule, type AttributeSource, isHiddenKey, type MarkedQuery } from './sourceMapTree'

/** A Content Source Map (`sanity-io/content-source-maps`), as `@sanity/client` reads `resultSourceMap`. */
export type ContentSourceMap = {
  documents: MappedDocument[]
  paths: string[]
  mappings: Record<string, { type: 'value'; source: { type: 'documentValue'; document: number; path: number } | { type: 'unknown' } }>
}

const UNKNOWN = { type: 'value', source: { type: 'unknown' } } as const

/** Where an attribute's value was read from, as its literal says (`...`: the attribute of the same name of `@`). */
type Source = NonNullable<AttributeSource> | typeof SPREAD
const SPREAD = { base: 'self', path: undefined } as const

/**
 * An object an object literal built, its `@`, and its literal's attributes. The attributes of `@`
 * its computed values start from (`authors` in `authors[]{...}`) are indexed only when something
 * under them is not where the client would look for it.
 */
type Built = {
  object: Record<string, unknown>
  self: unknown
  /** What its other hidden keys held: values of `->` and `^`, and conditions. */
  hidden: Map<string, unknown> | undefined
  /** Its literal's attributes. */
  rules: AttributeRule[]
  /** Whether what its computed attributes read has been indexed. */
  indexed: boolean
  /** The object built around this one, whose reads may hold its `@`. */
  parent: Built | undefined
  /** Where `@` is (null: not looked for yet). */
  origin: Origin | undefined | null
}

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

const NOT_NAMED = Symbol('not named')

/** The source the last attribute of the literal that sets `key` names (a conditional one counts where it held). */
function sourceIn(entry: Built, rules: readonly AttributeRule[], key: string): Source | undefined | typeof NOT_NAMED {
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as AttributeRule
    if (rule.kind === 'value') {
      if (rule.name === key) return rule.source
    } else if (rule.kind === 'spread') {
      if (typeof entry.self === 'object' && entry.self !== null && key in entry.self) return SPREAD
    } else if (rule.kind === 'opaque') return undefined
    else if (entry.hidden?.get(rule.held) === true) {
      const found = sourceIn(entry, rule.rules, key)
      if (found !== NOT_NAMED) return found
    }
  }
  return NOT_NAMED
}

function sourceOf(entry: Built, key: string): Source | undefined {
  const found = sourceIn(entry, entry.rules, key)
  return found === NOT_NAMED ? undefined : found
}

/** Attributes the object's computed values start from. */
function readsOf(entry: Built, rules: readonly AttributeRule[]): AttributeRead[] {
  return rules.flatMap((rule) => {
    if (rule.kind === 'value') return rule.name in entry.object ? rule.reads : []
    return rule.kind === 'conditional' && entry.hidden?.get(rule.held) === true ? readsOf(entry, rule.rules) : []
  })
}

/** Two or more attributes are `@`'s own of the same name (`{...}`, `{ title, body }`): the object is mapped at its root as `@`. */
function copiesSelf(entry: Built): boolean {
  let same = 0
  for (const key in entry.object) {
    if (isHiddenKey(key)) continue
    const source = sourceOf(entry, key)
    if (source?.base === 'self' && namesKey(source, key) && ++same > 1) return true
  }
  return false
}

/** The object an attribute's value was read from: `@`, or the value of a `->` or `^` kept in a hidden key. */
const readFrom = (entry: Built, source: Source) => (source.base === 'self' ? entry.self : entry.hidden?.get(source.base.hiddenKey))

const namesKey = (source: Source, key: string) => source.path === undefined || (source.path.length === 1 && source.path[0] === key)

/** The attribute of the same name of `from`. */
const isSameAttribute = (entry: Built, source: Source | undefined, key: string, from: unknown) =>
  source !== undefined && namesKey(source, key) && readFrom(entry, source) === from

/**
 * Walks a result of a marked query (`markedQuery`): maps every value whose source is known, and
 * takes the hidden keys out, leaving the result as the query alone gives it.
 *
 * A value that is itself an object or array of a document is mapped at its root (the client maps
 * what is inside it by the rest of its path). An attribute of an object the query built is mapped
 * when its literal reads it by an attribute path from a known object. Nothing is written where the
 * client would find the source anyway; a value of no known source under a mapped object is mapped
 * as unknown, or the client would take it for what its path names there.
 */
export function buildSourceMap(
  result: unknown,
  query: MarkedQuery,
  origins: DocumentOrigins,
  deadline?: Deadline,
): { result: unknown; resultSourceMap: ContentSourceMap } {
  const paths: string[] = []
  const pathIndexes = new Map<string, number>()
  // Built as a dictionary from the start: thousands of distinct keys would each make V8 a new hidden class.
  const mappings: ContentSourceMap['mappings'] = Object.create(null)

  const pathIndex = (sourcePath: string) => {
    let index = pathIndexes.get(sourcePath)
    if (index === undefined) {
      index = paths.push(sourcePath) - 1
      pathIndexes.set(sourcePath, index)
    }
    return index
  }
  /** Indexes of paths below another by an attribute path from a literal (or one attribute): most mappings are, and they repeat. */
  const pathsBelow = new Map<readonly string[] | string, Map<string, number>>()
  const pathBelowIndex = (base: string, below: readonly string[] | string) => {
    let byBase = pathsBelow.get(below)
    if (!byBase) {
      byBase = new Map()
      pathsBelow.set(below, byBase)
    }
    let index = byBase.get(base)
    if (index === undefined) {
      index = pathIndex(base + (typeof below === 'string' ? keySegment(below) : below.map(keySegment).join('')))
      byBase.set(base, index)
    }
    return index
  }

  /** Maps the value at `at` to its origin, or to the attribute path `below` it. */
  const emit = (at: string, origin: Origin, below?: readonly string[] | string) => {
    const index = below === undefined ? pathIndex(origin.path) : pathBelowIndex(origin.path, below)
    mappings[at] = { type: 'value', source: { type: 'documentValue', document: origin.document, path: index } }
  }

  /** Where `@` of a built object is, found with what the objects built around it read. */
  const originOfSelf = (entry: Built): Origin | undefined => {
    if (entry.origin === null) entry.origin = locate(entry.self, entry.parent)
    return entry.origin
  }
  /** Indexes what the innermost built object not yet indexed reads; false when every one is. */
  const indexReads = (from: Built | undefined): boolean => {
    for (let entry = from; entry; entry = entry.parent) {
      if (entry.indexed) continue
      entry.indexed = true
      for (const { base, name } of readsOf(entry, entry.rules)) {
        const from = base === 'self' ? entry.self : entry.hidden?.get(base.hiddenKey)
        const origin = base === 'self' ? originOfSelf(entry) : locate(from, entry.parent)
        if (origin) origins.indexAttribute(from, origin, name)
      }
      return true
    }
    return false
  }
  /** A value's origin, indexing what the enclosing objects read until it is found. */
  const locate = (value: unknown, within: Built | undefined): Origin | undefined => {
    let origin = origins.of(value)
    while (!origin && indexReads(within)) origin = origins.of(value)
    return origin
  }

  /** Hidden keys to take out once the walk is done (a value worked out once for the whole query can stand in the result many times). */
  const hiddenKeys: [Record<string, unknown>, string[]][] = []
  /** An object a literal built, with what its hidden keys hold. */
  const builtObject = (object: Record<string, unknown>): Built | undefined => {
    // The literal that built it is the last to have put its marker in (a spread copies the markers of what it spreads).
    let rules: AttributeRule[] | undefined
    let self: unknown
    let hidden: Map<string, unknown> | undefined
    const keys: string[] = []
    for (const key in object) {
      if (!isHiddenKey(key)) continue
      keys.push(key)
      const owned = query.objects.get(key)
      if (owned) {
        rules = owned
        self = object[key]
      } else {
        hidden ??= new Map()
        hidden.set(key, object[key])
      }
    }
    if (!rules) return undefined
    hiddenKeys.push([object, keys])
    return { object, self, hidden, rules, indexed: false, parent: undefined, origin: null }
  }

  /**
   * Maps the value and what is inside it, and takes out their hidden keys. `covered`: an object
   * above is mapped, and `implied` is what the client would then take the value's source to be
   * without a mapping of its own: the value at the same place under that object (`@sanity/client`
   * resolves a result path by its longest mapped prefix and the rest of the path, array items by
   * `_key`). `within`: the innermost object built around it.
   */
  const visit = (value: unknown, at: string, covered: boolean, implied: unknown, within: Built | undefined): void => {
    if (typeof value !== 'object' || value === null) {
      if (covered && value !== undefined && value !== null) mappings[at] = UNKNOWN
      return
    }
    // A document's own value where the client would look for it anyway.
    if (covered && implied === value) return
    deadline?.step()
    if (Array.isArray(value)) {
      // A new array where a document has one (filtered, sorted, projected) is not looked for: its items are.
      const origin = covered && Array.isArray(implied) ? undefined : locate(value, within)
      if (origin) emit(at, origin)
      else
        for (let i = 0; i < value.length; i++)
          visit(value[i], `${at}[${i}]`, covered, covered ? itemAt(implied, i, value[i]) : undefined, within)
      return
    }
    const entry = builtObject(value as Record<string, unknown>)
    if (!entry) {
      const origin = locate(value, within)
      if (origin) emit(at, origin)
      else visitAttributes(value as Record<string, unknown>, undefined, at, covered, implied, within)
      return
    }
    entry.parent ??= within
    let inside = implied
    if (!(covered && implied === entry.self) && copiesSelf(entry)) {
      const origin = originOfSelf(entry)
      if (origin) {
        emit(at, origin)
        covered = true
        inside = entry.self
      }
    }
    visitAttributes(entry.object, entry, at, covered, inside, entry)
  }

  const visitAttributes = (
    object: Record<string, unknown>,
    entry: Built | undefined,
    at: string,
    covered: boolean,
    implied: unknown,
    within: Built | undefined,
  ) => {
    for (const key in object) {
      const child = object[key]
      if (child === null || child === undefined || (entry && isHiddenKey(key))) continue
      const source = entry && sourceOf(entry, key)
      if (source) {
        if (entry && covered && isSameAttribute(entry, source, key, implied)) continue
        const origin = entry && (source.base === 'self' ? originOfSelf(entry) : origins.of(readFrom(entry, source)))
        if (origin) {
          emit(at + keySegment(key), origin, source.path ?? key)
          continue
        }
      }
      if (covered || typeof child === 'object')
        visit(child, at + keySegment(key), covered, covered ? attributeOf(implied, key) : undefined, within)
    }
  }

  visit(result, '$', false, undefined, undefined)
  // Hidden keys are an object's last: deleting them last first leaves it as groq-js made it, without copying it.
  for (const [object, keys] of hiddenKeys) for (let i = keys.length - 1; i >= 0; i--) delete object[keys[i] as string]
  return { result, resultSourceMap: { documents: origins.documents, paths, mappings } }
}
