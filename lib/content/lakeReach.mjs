/**
 * Whether the content lake answered lately, as one record per server process: the content
 * loader notes every answer and every failure to get one, and the page cache handler reads it to
 * tell a page that cannot be rendered now from one that can. Plain JavaScript, for the cache
 * handler that Next.js loads unbundled; on globalThis because route bundles and that handler each
 * load their own copy of this module.
 */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

/** How long a failure to reach the lake stands before a page missing from the cache probes it again. */
const FAILURE_STANDS_MS = 2_000
/** A probe is one small request; a lake that does not answer it this fast cannot render a page either. */
const PROBE_TIMEOUT_MS = 1_000

globalThis.__factlineLakeReach ??= { reachable: true, at: 0, pingUrl: undefined, probe: undefined }
const state = globalThis.__factlineLakeReach

/** Called by the content loader with the lake's API root, so the handler knows where to probe. */
export function lakePingAt(apiUrl) {
  state.pingUrl = `${apiUrl}/ping`
}

/** Records an answer (true) or a failure to reach the lake (false). */
export function noteLakeReach(reachable) {
  state.reachable = reachable
  state.at = Date.now()
}

/** Whether the last request to the lake failed: a page stored now was rendered from last good answers. */
export function lakeKnownDown() {
  return !state.reachable
}

/**
 * Whether the lake can be reached now, asked before rendering a page missing from the cache: a
 * recent failure stands; otherwise one probe, shared by concurrent callers, since a lake that
 * answered a moment ago may be gone now and a render that cannot reach it would fail. Any HTTP
 * answer below 500 counts; the probe asks for nothing.
 */
export async function lakeReachable() {
  if (!state.pingUrl) return true
  if (!state.reachable && Date.now() - state.at < FAILURE_STANDS_MS) return false
  state.probe ??= probe(state.pingUrl).then((reachable) => {
    noteLakeReach(reachable)
    state.probe = undefined
    return reachable
  })
  return state.probe
}

// Node's own client rather than fetch, which Next.js patches to cache and to track in renders.
function probe(url) {
  return new Promise((done) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, { timeout: PROBE_TIMEOUT_MS }, (response) => {
      response.resume()
      done(response.statusCode < 500)
    })
    request.once('timeout', () => request.destroy())
    request.once('error', () => done(false))
    request.end()
  })
}
