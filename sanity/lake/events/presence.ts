import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import { LOCAL_EDITOR } from '../core/localEditor'

type Rpc = { id?: string; method?: string; params?: Record<string, unknown> }
type Peer = { socket: WebSocket; authorized: boolean; subscriptions: Set<string>; sessions: Set<string> }

/** Bifur clients take silence as a dead connection; a heart keeps it alive. */
const HEARTBEAT_MS = 20_000

/**
 * Presence over Sanity's WebSocket protocol (Bifur: JSON-RPC 2.0): each Studio announces where its
 * editor is in which document, and every other Studio on the lake hears it, so two editors see
 * each other's avatars on the fields they are editing. The socket authorizes with the lake's token.
 */
export class PresenceHub {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 })
  private readonly peers = new Set<Peer>()
  private readonly heartbeat = setInterval(() => {
    for (const peer of this.peers) peer.socket.send('♥')
  }, HEARTBEAT_MS)

  constructor(private readonly isToken: (token: string) => boolean) {
    this.heartbeat.unref()
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.connect(ws))
  }

  close(): void {
    clearInterval(this.heartbeat)
    for (const peer of this.peers) peer.socket.terminate()
    this.peers.clear()
    this.server.close()
  }

  private connect(socket: WebSocket) {
    const peer: Peer = { socket, authorized: false, subscriptions: new Set(), sessions: new Set() }
    this.peers.add(peer)
    socket.on('message', (data) => this.receive(peer, data.toString()))
    socket.on('close', () => {
      this.peers.delete(peer)
      for (const session of peer.sessions) this.broadcast(peer, { type: 'disconnect', i: LOCAL_EDITOR.id, m: { session } })
    })
  }

  private receive(peer: Peer, text: string) {
    let message: Rpc
    try {
      message = JSON.parse(text)
    } catch {
      return reply(peer, undefined, { error: { code: -32700, message: 'Parse error: not JSON' } })
    }
    const { id, method, params = {} } = message
    if (method === 'authorization') {
      const token = /^Bearer\s+(\S+)$/i.exec(String(params.authorization ?? ''))?.[1] ?? ''
      if (!this.isToken(token)) {
        reply(peer, id, { error: { code: 4001, message: 'The token is not valid for this content lake' } })
        return peer.socket.close(4001, 'Unauthorized')
      }
      peer.authorized = true
      return reply(peer, id, { result: true })
    }
    if (!peer.authorized) return reply(peer, id, { error: { code: 4001, message: 'Authorize first' } })
    switch (method) {
      case 'presence_subscribe': {
        const subscription = randomBytes(8).toString('hex')
        peer.subscriptions.add(subscription)
        return reply(peer, id, { result: subscription })
      }
      case 'presence_unsubscribe':
        peer.subscriptions.delete(String(params.subscriptionId))
        return reply(peer, id, { result: true })
      case 'presence_rollcall':
        this.broadcast(peer, { type: 'rollCall', i: LOCAL_EDITOR.id, session: params.session })
        return reply(peer, id, { result: true })
      case 'presence_announce': {
        const data = (params.data ?? {}) as { sessionId?: string; locations?: unknown }
        if (typeof data.sessionId === 'string') peer.sessions.add(data.sessionId)
        this.broadcast(peer, { type: 'state', i: LOCAL_EDITOR.id, m: { sessionId: data.sessionId, locations: data.locations ?? [] } })
        return reply(peer, id, { result: true })
      }
      case 'presence_disconnect':
        peer.sessions.delete(String(params.session))
        this.broadcast(peer, { type: 'disconnect', i: LOCAL_EDITOR.id, m: { session: params.session } })
        return reply(peer, id, { result: true })
      default:
        return reply(peer, id, { error: { code: -32601, message: `Method not found: ${String(method)}` } })
    }
  }

  /** Tells every other Studio's presence subscription. */
  private broadcast(from: Peer, event: Record<string, unknown>) {
    for (const peer of this.peers) {
      if (peer === from || !peer.authorized) continue
      for (const subscription of peer.subscriptions) {
        peer.socket.send(JSON.stringify({ jsonrpc: '2.0', method: 'presence_subscription', params: { subscription, result: event } }))
      }
    }
  }
}

function reply(peer: Peer, id: string | undefined, outcome: Record<string, unknown>) {
  if (id !== undefined) peer.socket.send(JSON.stringify({ jsonrpc: '2.0', id, ...outcome }))
}
