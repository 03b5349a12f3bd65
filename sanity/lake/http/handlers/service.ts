import { httpError } from '../../core/errors'
import { LOCAL_EDITOR } from '../../core/localEditor'
import { sendJson } from '../request'
import type { Exchange } from '../routing'

/** `/health`: the lake is up and answering. */
export function health({ res }: Exchange) {
  sendJson(res, 200, { status: 'ok' })
}

/** The Studio times an anonymous ping to learn which HTTP version the API speaks. */
export function ping({ res }: Exchange) {
  sendJson(res, 200, { ok: true })
}

/** `/v{version}/socket/:dataset` as a plain request: presence speaks only over a WebSocket. */
export function presenceWithoutUpgrade(): never {
  throw httpError(426, 'Presence speaks WebSocket: send "Upgrade: websocket"')
}

/**
 * The local editor's session, handed only to a page served from an allowed Studio origin (the
 * browser sets Origin; other pages cannot forge it), so the Studio needs no login screen.
 */
export function editorSession({ res, lake }: Exchange) {
  sendJson(res, 200, { token: lake.token, user: LOCAL_EDITOR })
}
