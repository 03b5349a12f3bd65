import { httpError, lakeError } from '../../core/errors'
import { isPublicId } from '../../core/ids'
import { isRecord } from '../../core/json'
import { parsePerspective } from '../../core/perspective'
import { compileQuery } from '../../query/compile'
import { evaluateQuery } from '../../query/evaluate'
import { checkResultSize, Deadline } from '../../query/limits'
import { evaluateWithSourceMap, sourceMapRequest } from '../../query/sourceMap'
import { recordingSyncKeys } from '../../query/syncTags'
import { perspectiveSource } from '../../query/views'
import { actionsToMutations } from '../../writes/actions'
import { idsFromPath, paramsFromSearch, readJsonBody, sendJson } from '../request'
import type { Exchange } from '../routing'

/** `GET|POST /data/query/:dataset`: a GROQ query in the perspective asked for. */
export async function query({ req, res, url, access, lake }: Exchange) {
  let query: unknown = url.searchParams.get('query')
  let params = paramsFromSearch(url.searchParams)
  if (req.method === 'POST') {
    const body = await readJsonBody(req)
    if (!isRecord(body)) throw httpError(400, 'Expected a JSON object with "query" and "params"')
    query = body.query
    if (body.params !== undefined && !isRecord(body.params)) throw httpError(400, '"params" must be an object')
    params = body.params ?? {}
  }
  if (typeof query !== 'string' || query.trim() === '') throw lakeError(400, 'queryError', 'Missing the "query" parameter')
  const requested = parsePerspective(url.searchParams.get('perspective'))
  // Without a token only published documents with public ids are readable, whatever perspective is asked for.
  const perspective = access === 'token' ? requested : 'anonymous'
  const limits = lake.queryLimits
  const mapRequest = sourceMapRequest(url.searchParams.get('resultSourceMap'))
  const started = performance.now()
  const tree = compileQuery(query, params, limits)
  const read = new Set<string>()
  const source = recordingSyncKeys(perspectiveSource(lake.store, perspective), read)
  const deadline = new Deadline(limits.timeoutMs, limits.heapBytes)
  // Only a request that asks for a map pays for one (Presentation's preview; readers never ask).
  const answer = mapRequest
    ? await evaluateWithSourceMap(tree, source, lake.context, mapRequest, deadline)
    : { result: await evaluateQuery(tree, source, lake.context, deadline) }
  checkResultSize(answer, limits.resultBytes)
  const returnQuery = url.searchParams.get('returnQuery') !== 'false'
  // `lastLiveEventId` needs no waiting: the lake answers from committed transactions only.
  const syncTags = lake.syncTags.ofQuery(read)
  sendJson(res, 200, { ms: Math.round(performance.now() - started), ...(returnQuery ? { query } : {}), ...answer, syncTags })
}

/** `GET /data/doc/:dataset/:ids`: documents by id, with those left out and why. */
export function documents({ res, url, params, access, lake }: Exchange) {
  const found: unknown[] = []
  const omitted: { id: string; reason: 'existence' | 'permission' }[] = []
  for (const id of idsFromPath(params.rest ?? '')) {
    const doc = lake.store.get(id)
    if (access === 'anonymous' && !isPublicId(id)) omitted.push({ id, reason: 'permission' })
    else if (!doc) omitted.push({ id, reason: 'existence' })
    else found.push(doc)
  }
  sendJson(res, 200, { documents: url.searchParams.get('excludeContent') === 'true' ? [] : found, omitted })
}

/** `POST /data/mutate/:dataset`: one transaction of mutations. */
export async function mutate({ req, res, url, lake }: Exchange) {
  const body = await readJsonBody(req)
  if (!isRecord(body)) throw httpError(400, 'Expected a JSON object with "mutations"')
  const outcome = await lake.runner.run(body.mutations, {
    transactionId: transactionIdOf(body),
    dryRun: url.searchParams.get('dryRun') === 'true',
  })
  const withDocuments = url.searchParams.get('returnDocuments') === 'true'
  sendJson(res, 200, {
    transactionId: outcome.transactionId,
    results: outcome.results.map(({ id, operation, document }) => ({ id, operation, ...(withDocuments ? { document } : {}) })),
  })
}

/** `POST /data/actions/:dataset`: document actions (publish, discard...), run as one transaction. */
export async function act({ req, res, lake }: Exchange) {
  const body = await readJsonBody(req)
  if (!isRecord(body)) throw httpError(400, 'Expected a JSON object with "actions"')
  const outcome = await lake.runner.run(actionsToMutations(body.actions), {
    transactionId: transactionIdOf(body),
    dryRun: body.dryRun === true,
  })
  sendJson(res, 200, { transactionId: outcome.transactionId })
}

/** `GET /data/references/:dataset/...`: references from other datasets. The lake holds one dataset, so there are none. */
export function references({ res }: Exchange) {
  sendJson(res, 200, { totalCount: 0, references: [] })
}

/** `GET /data/listen/:dataset`: server-sent events for the changes a GROQ filter matches. */
export function listen({ res, url, access, lake }: Exchange) {
  const query = url.searchParams.get('query')
  if (!query) throw lakeError(400, 'queryError', 'Missing the "query" parameter')
  const flag = (name: string, fallback: boolean) => {
    const value = url.searchParams.get(name)
    return value === null ? fallback : value === 'true'
  }
  lake.listeners.open(res, {
    query,
    params: paramsFromSearch(url.searchParams),
    includeResult: flag('includeResult', false),
    includePreviousRevision: flag('includePreviousRevision', false),
    includeMutations: flag('includeMutations', true),
    effectFormat: url.searchParams.get('effectFormat') === 'mendoza' ? 'mendoza' : undefined,
    anonymous: access === 'anonymous',
  })
}

/** The transaction id a client chose for its mutations or actions, if any. */
function transactionIdOf(body: Record<string, unknown>): string | undefined {
  if (body.transactionId !== undefined && typeof body.transactionId !== 'string') {
    throw httpError(400, '"transactionId" must be a string')
  }
  return body.transactionId
}
