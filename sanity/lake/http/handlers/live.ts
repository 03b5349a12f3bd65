import { httpError } from '../../core/errors'
import type { Exchange } from '../routing'

/**
 * `GET /data/live/events/:dataset`: the Live Content API's server-sent events. Drafts need the
 * token, as on Sanity; a stream resumes after `Last-Event-ID` (or `lastLiveEventId`) when it can.
 * `tag` and `waitFor` are accepted: the lake tags no requests, and answers a query only once its
 * transaction is committed, so there is nothing to wait for.
 */
export function liveEvents({ req, res, url, access, lake }: Exchange) {
  const includeDrafts = url.searchParams.get('includeDrafts') === 'true'
  if (includeDrafts && access !== 'token') {
    throw httpError(401, 'Live events with drafts (includeDrafts=true) need an API token: send "Authorization: Bearer <token>"')
  }
  const header = req.headers['last-event-id']
  const lastEventId = (Array.isArray(header) ? header[0] : header) || url.searchParams.get('lastLiveEventId') || undefined
  lake.live.open(res, { includeDrafts, lastEventId })
}
