import { evaluate, parse } from 'groq-js'
import { evaluateQuery } from '../../sanity/lake/query/evaluate'
import { perspectiveSource } from '../../sanity/lake/query/views'
import type { DocumentStore, LakeDocument } from '../../sanity/lake/storage/store'
import { perspectiveView } from './perspectiveView'

const CONTEXT = { projectId: 'local', dataset: 'production' }
let transactions = 0

/** Commits document changes to a store directly, as one lake transaction. */
export function commitTo(store: DocumentStore, changes: { id: string; document: LakeDocument | null }[]): void {
  store.commit({ transactionId: `t${transactions++}`, timestamp: new Date().toISOString(), changes })
}

/** A query's published answer from the lake's own evaluation over a store, and from plain groq-js over the same documents. */
export async function lakeAndPlain(store: DocumentStore, query: string, params: Record<string, unknown>) {
  const fromLake = await evaluateQuery(parse(query, { params }), perspectiveSource(store, 'published'), CONTEXT)
  const dataset = perspectiveView([...store.documents()], 'published')
  const plain = await (await evaluate(parse(query, { params }), { dataset, params })).get()
  return { fromLake, plain }
}
