import { randomBytes } from 'node:crypto'
import type { ExprNode } from 'groq-js'
import { type AstNode, isNode } from './ast'

/**
 * Where the value of one attribute of an object literal (a projection) comes from, as far as the
 * query's text tells: an attribute path (`title`, `slug.current`) read from the object's `@`, or
 * from a value kept in a hidden key (`author->` for `author->name`, `^` for `^.title`). Anything
 * else (a function, a filter, arithmetic, `coalesce`) has no single source the text can name.
 */
export type AttributeSource = { base: AttributeBase; path: string[] } | undefined

/** `@`, or a value kept in a hidden key of the object (a `->` or a `^` an attribute path starts from). */
export type AttributeBase = 'self' | { hiddenKey: string }

/** An attribute of `@` (or of a `->` or `^`) a computed value starts from. */
export type AttributeRead = { base: AttributeBase; name: string }

/** Nodes evaluated in the scope of the expression they are the base of (not in a new one). */
const SAME_SCOPE_BASES = new Set([
  'Filter',
  'Map',
  'FlatMap',
  'Projection',
  'PipeFuncCall',
  'Slice',
  'AccessElement',
  'ArrayCoerce',
  'Deref',
  'Group',
])

/** One attribute of an object literal, in the order groq-js assigns them (a later one overwrites). */
export type AttributeRule =
  /** `...`: every key of `@`. */
  | { kind: 'spread' }
  /** A spread of something else: keys the text cannot name, overwriting any set before. */
  | { kind: 'opaque' }
  | { kind: 'value'; name: string; source: AttributeSource; reads: AttributeRead[] }
  /** `cond => {...}`: its attributes apply where the condition, kept in the hidden key `held`, was true. */
  | { kind: 'conditional'; held: string; rules: AttributeRule[] }

/** The object literals of a marked query, by their marker key: each result object carries its literal's marker, holding `@`. */
export type MarkedQuery = { tree: ExprNode; objects: Map<string, AttributeRule[]> }

/**
 * Hidden keys start with this, and a random part no document or query can guess, so a key that
 * happens to be in the data is never taken for one.
 */
const PREFIX = `\u0000csm.${randomBytes(6).toString('hex')}.`

/** Whether a key is a hidden one (most keys fail on their first character). */
export const isHiddenKey = (key: string) => key.charCodeAt(0) === 0 && key.startsWith(PREFIX)

const marked = new WeakMap<ExprNode, MarkedQuery>()

/**
 * The query with every object literal carrying hidden keys, after its own: its marker, holding `@`
 * (the object it was evaluated for), one for each `->` or `^` an attribute path starts from, and
 * one for the condition of each `cond => {...}` in it.
 * groq-js keeps the identity of what an attribute, `->` or `@` reads, so after evaluation those
 * values say which document (and where in it) each attribute came from. Cached per parsed tree,
 * so the planner's own caches keep working; the parsed tree is not changed.
 */
export function markedQuery(tree: ExprNode): MarkedQuery {
  const cached = marked.get(tree)
  if (cached) return cached
  const objects = new Map<string, AttributeRule[]>()
  let counter = 0
  const nextMarker = () => `${PREFIX}${counter++}`

  const mark = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(mark)
    if (!isNode(node) || node.type === 'Value') return node
    if (node.type === 'Object') return markObject(node)
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, mark(child)]))
  }

  const markObject = (object: AstNode): AstNode => {
    const marker = nextMarker()
    const hidden: AstNode[] = []
    /** A hidden key holding the value of an expression evaluated in the object's scope (a `->`, a `^`, a condition). */
    const keep = (node: AstNode): { hiddenKey: string } => {
      const hiddenKey = `${marker}:${hidden.length}`
      hidden.push({ type: 'ObjectAttributeValue', name: hiddenKey, value: mark(node) })
      return { hiddenKey }
    }
    const { attributes, rules } = markAttributes(object.attributes as AstNode[], keep)
    // Hidden keys go last, so that taking them out of the result leaves its objects as groq-js made them.
    attributes.push(...hidden, { type: 'ObjectAttributeValue', name: marker, value: { type: 'This' } })
    objects.set(marker, rules)
    return { ...object, attributes }
  }

  /** The attributes of a literal (or of a `cond => {...}` in it, which is evaluated in the same scope) and their rules. */
  const markAttributes = (
    attributes: AstNode[],
    keep: (node: AstNode) => { hiddenKey: string },
  ): { attributes: unknown[]; rules: AttributeRule[] } => {
    const rules: AttributeRule[] = []
    const marked: unknown[] = []
    for (const attribute of attributes) {
      if (attribute.type === 'ObjectAttributeValue') {
        const value = attribute.value as AstNode
        const source = sourceOf(value, keep)
        rules.push({ kind: 'value', name: String(attribute.name), source, reads: source ? [] : attributesRead(value, keep) })
        marked.push({ ...attribute, value: mark(value) })
      } else if (attribute.type === 'ObjectConditionalSplat') {
        const inner = attribute.value as AstNode
        const splat = markAttributes(inner.attributes as AstNode[], keep)
        rules.push({ kind: 'conditional', held: keep(attribute.condition as AstNode).hiddenKey, rules: splat.rules })
        marked.push({ ...attribute, condition: mark(attribute.condition), value: { ...inner, attributes: splat.attributes } })
      } else {
        const spreadsSelf = attribute.type === 'ObjectSplat' && (attribute.value as AstNode).type === 'This'
        rules.push({ kind: spreadsSelf ? 'spread' : 'opaque' })
        marked.push(mark(attribute))
      }
    }
    return { attributes: marked, rules }
  }

  const result: MarkedQuery = { tree: mark(tree) as ExprNode, objects }
  marked.set(tree, result)
  return result
}

/**
 * An attribute path read from `@`, or from `->` or `^` (whose value is then kept in a hidden key
 * of the object, evaluated in the same scope): `title`, `slug.current`, `author->name`, `^.title`.
 */
function sourceOf(value: AstNode, keep: (node: AstNode) => { hiddenKey: string }): AttributeSource {
  let node = value
  const path: string[] = []
  for (;;) {
    if (node.type === 'Group') node = node.base as AstNode
    else if (node.type === 'AccessAttribute') {
      path.unshift(String(node.name))
      if (node.base === undefined) return { base: 'self', path }
      node = node.base as AstNode
    } else break
  }
  if (node.type === 'This') return { base: 'self', path }
  // A bare `->` or `^` is a whole document or object: found as it is when the result is walked.
  if ((node.type !== 'Deref' && node.type !== 'Parent') || path.length === 0) return undefined
  return { base: keep(node), path }
}

/**
 * The attributes a computed value starts from (`authors` in `authors[]{...}`, `observations` in
 * `select(c => observations[...], ...)`, `publishedFigures` in `^.^.publishedFigures[...]`): the
 * objects it hands on from there can be found by identity once those attributes are indexed.
 */
function attributesRead(node: AstNode, keep: (node: AstNode) => { hiddenKey: string }): AttributeRead[] {
  if (node.type === 'AccessAttribute') {
    const base = node.base as AstNode | undefined
    const name = String(node.name)
    if (base === undefined || base.type === 'This') return [{ base: 'self', name }]
    if (base.type === 'Deref' || base.type === 'Parent') return [{ base: keep(base), name }]
    return attributesRead(base, keep)
  }
  if (SAME_SCOPE_BASES.has(node.type)) return attributesRead(node.base as AstNode, keep)
  if (node.type === 'FuncCall' && node.name === 'coalesce') return (node.args as AstNode[]).flatMap((arg) => attributesRead(arg, keep))
  if (node.type === 'Select') {
    const alternatives = (node.alternatives as AstNode[]).map((alternative) => alternative.value as AstNode)
    return [...alternatives, ...(node.fallback ? [node.fallback as AstNode] : [])].flatMap((value) => attributesRead(value, keep))
  }
  return []
}
