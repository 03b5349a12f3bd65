import { httpError } from '../../core/errors'
import { idsFromPath, sendJson } from '../request'
import type { Exchange } from '../routing'

/** `GET /data/history/:dataset/documents/:ids` with `revision`, `time` or `lastRevision=true`. */
export function historyDocuments({ res, url, params, lake }: Exchange) {
  const search = url.searchParams
  const time = Date.parse(search.get('time') ?? '')
  const documents = lake.history.documents(historyIds(params.ids), {
    revision: search.get('revision') || undefined,
    time: Number.isNaN(time) ? undefined : time,
    lastRevision: search.get('lastRevision') === 'true',
  })
  sendJson(res, 200, { documents })
}

/** `GET /data/history/:dataset/transactions/:ids` as newline-delimited JSON. */
export function historyTransactions({ res, url, params, lake }: Exchange) {
  const search = url.searchParams
  const transactions = lake.history.transactions(historyIds(params.ids), {
    fromTransaction: search.get('fromTransaction') || undefined,
    toTransaction: search.get('toTransaction') || undefined,
    limit: Number(search.get('limit')) || undefined,
    reverse: search.get('reverse') === 'true',
    onlyIdentified: search.get('includeIdentifiedDocumentsOnly') === 'true',
    withEffects: search.get('effectFormat') === 'mendoza',
    withMutations: search.get('excludeMutations') !== 'true',
  })
  const body = transactions.map((transaction) => `${JSON.stringify(transaction)}\n`).join('')
  res.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' })
  res.end(body)
}

/**
 * `GET /data/history/:dataset/events/documents/:id`: the Studio's events API. The lake lists no
 * publish/unpublish events; for drafts the Studio builds its edit history from the transactions.
 */
export function historyEvents({ res, params }: Exchange) {
  const [id] = historyIds(params.ids)
  sendJson(res, 200, { events: { [id as string]: [] }, nextCursor: '' })
}

function historyIds(part = ''): string[] {
  const ids = idsFromPath(part).filter(Boolean)
  if (ids.length === 0) throw httpError(400, 'Name the documents: /data/history/<dataset>/<kind>/<id,...>')
  return ids
}
