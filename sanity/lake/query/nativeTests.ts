import type { LakeDocument } from '../storage/store'
import { type AstNode, conjuncts } from './ast'

const nativeTests = new WeakMap<AstNode, ((doc: LakeDocument) => boolean) | null>()

/**
 * The filter as a plain function where every conjunct is one whose answer groq-js gives the same
 * way: `defined(a.b)` or `defined(a[0])` of the document's own attributes and their elements (an
 * attribute of anything but an object is null, as is a missing one; an element of anything but an
 * array is null; a negative index counts from the end). Undefined where any conjunct is something
 * else: groq-js tests those.
 */
export function nativeTestOf(expr: AstNode): ((doc: LakeDocument) => boolean) | undefined {
  let test = nativeTests.get(expr)
  if (test === undefined) {
    const tests = conjuncts(expr).map(nativeConjunct)
    test = tests.every((t) => t !== undefined) ? (doc: LakeDocument) => tests.every((t) => t?.(doc)) : null
    nativeTests.set(expr, test)
  }
  return test ?? undefined
}

function nativeConjunct(node: AstNode): ((doc: LakeDocument) => boolean) | undefined {
  const args = node.args as AstNode[] | undefined
  if (node.type !== 'FuncCall' || node.namespace !== 'global' || node.name !== 'defined' || args?.length !== 1) return undefined
  const path = pathOf(args[0] as AstNode)
  if (!path) return undefined
  return (doc) => {
    let value: unknown = doc
    for (const step of path) {
      if (typeof step === 'string') {
        if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, step)) return false
        value = (value as Record<string, unknown>)[step]
      } else {
        if (!Array.isArray(value)) return false
        value = value[step < 0 ? step + value.length : step]
      }
    }
    return value !== undefined && value !== null
  }
}

/** `a.b[0].c` read from the document being filtered: attribute names, and element indexes as numbers. */
function pathOf(node: AstNode): (string | number)[] | undefined {
  const path: (string | number)[] = []
  let current: AstNode | undefined = node
  while (current?.type === 'AccessAttribute' || (current?.type === 'AccessElement' && Number.isInteger(current.index))) {
    path.unshift(current.type === 'AccessAttribute' ? (current.name as string) : (current.index as number))
    current = current.base as AstNode | undefined
  }
  return current === undefined && typeof path[0] === 'string' ? path : undefined
}

/** `defined(slug.current)` of the document itself: the store knows it holds for every document whose slug is a string. */
export function isDefinedSlug(expr: AstNode): boolean {
  const [arg] = (expr.args as AstNode[] | undefined) ?? []
  const base = arg?.base as AstNode | undefined
  return (
    expr.type === 'FuncCall' &&
    expr.namespace === 'global' &&
    expr.name === 'defined' &&
    (expr.args as AstNode[]).length === 1 &&
    arg?.type === 'AccessAttribute' &&
    arg.name === 'current' &&
    base?.type === 'AccessAttribute' &&
    base.name === 'slug' &&
    base.base === undefined
  )
}
