import { type ExprNode, evaluateSync } from 'groq-js'
import type { DocumentStore, LakeDocument } from '../../storage/store'
import type { AstNode } from '../ast'
import { TextFieldIndex } from './fieldIndex'

/** Text indexes kept per store at most: each is built for a text a query searched, the least recently used dropped. */
const MAX_INDEXES = 12

type Indexes = { byText: Map<string, TextFieldIndex | null> }

const storeIndexes = new WeakMap<DocumentStore, Indexes>()

/**
 * The store's index of one text of one type (see TextFieldIndex), built from the stored documents
 * the first time a search asks for it and kept up to date with every commit after. Null where
 * groq-js fails to work the text out for a document: then groq-js answers the search itself.
 */
export function textIndexOf(store: DocumentStore, type: string, text: AstNode, counting: boolean): TextFieldIndex | undefined {
  let indexes = storeIndexes.get(store)
  if (!indexes) {
    const created: Indexes = { byText: new Map() }
    store.watchChanges((id, after) => {
      for (const [key, index] of created.byText) {
        try {
          index?.update(id, after)
        } catch {
          created.byText.set(key, null)
        }
      }
    })
    storeIndexes.set(store, created)
    indexes = created
  }
  const key = `${counting ? 'counted' : 'present'} ${type} ${JSON.stringify(text)}`
  let index = indexes.byText.get(key)
  if (index === undefined) {
    index = build(store, type, text, counting)
    if (indexes.byText.size >= MAX_INDEXES) indexes.byText.delete(indexes.byText.keys().next().value as string)
  } else indexes.byText.delete(key)
  indexes.byText.set(key, index)
  return index ?? undefined
}

/** What the text indexes of a store hold in memory, roughly (for the search bench). */
export function textIndexBytes(store: DocumentStore): number {
  let bytes = 0
  for (const index of storeIndexes.get(store)?.byText.values() ?? []) bytes += index?.approximateBytes() ?? 0
  return bytes
}

function build(store: DocumentStore, type: string, text: AstNode, counting: boolean): TextFieldIndex | null {
  const textOf = (doc: LakeDocument) => evaluateSync(text as unknown as ExprNode, { root: doc }).data
  const index = new TextFieldIndex(type, textOf, counting)
  try {
    for (const id of store.idsOfType(type)) index.update(id, store.get(id))
  } catch {
    return null
  }
  return index
}
