import type { LakeDocument } from '../storage/store'
import { type AstNode, conjuncts } from './ast'

const nativeTests = new WeakMap<AstNode, ((doc: LakeDocument) => boolean) | null>()

/**
 * The filter as a plain function where every conjunct is one whose answer groq-js gives the same
 * way: `defined(a.b)` of the document's own attributes (an attribute of anything but an object is
 * null, as is a missing one). Undefined where any conjunct is something else: groq-js tests those.
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
  const path = attributePath(args[0] as AstNode)
  if (!path) return undefined
  return (doc) => {
    let value: unknown = doc
    for (const name of path) {
      if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) return false
      value = (value as Record<string, unknown>)[name]
    }
    return value !== undefined && value !== null
  }
}

/** `a.b.c` read from the document being filtered, as its attribute names. */
function attributePath(node: AstNode): string[] | undefined {
  const path: string[] = []
  let current: AstNode | undefined = node
  while (current?.type === 'AccessAttribute') {
    path.unshift(current.name as string)
    current = current.base as AstNode | undefined
  }
  return current === undefined && path.length > 0 ? path : undefined
}
