import type { LakeDocument } from './store'

/** One document's change in a committed transaction, with what the in-memory indexes need of it. */
export type DocumentChange = {
  id: string
  before: LakeDocument | undefined
  after: LakeDocument | undefined
  position: number | undefined
  refsBefore: ReadonlySet<string>
  refsAfter: ReadonlySet<string>
}

export const NO_IDS: ReadonlySet<string> = new Set()

/**
 * The `_ref`s GROQ's `references()` finds in a value: an object with a (truthy) `_ref` is a
 * reference, and what else it holds is not looked into; other objects and arrays are searched
 * all the way down. So the ids referencing a document are exactly those `references()` matches.
 */
export function collectRefs(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into)
  } else if (typeof value === 'object' && value !== null) {
    const ref = (value as { _ref?: unknown })._ref
    if (ref) {
      if (typeof ref === 'string') into.add(ref)
    } else {
      for (const child of Object.values(value)) collectRefs(child, into)
    }
  }
  return into
}
