import type { ServerResponse } from 'node:http'
import type { ExprNode } from 'groq-js'
import type { QueryContext } from '../core/context'
import { LakeError } from '../core/errors'
import { isPublicId } from '../core/ids'
import { compileQuery } from '../query/compile'
import { evaluateQuery } from '../query/evaluate'
import type { DocumentSource } from '../query/source'
import type { LakeDocument } from '../storage/store'
import { type CommittedTransaction, type DocumentChange, randomId } from '../writes/mutations'

export type ListenOptions = {
  query: string
  params: Record<string, unknown>
  includeResult: boolean
  includePreviousRevision: boolean
  includeMutations: boolean
  /** `mendoza`: each event carries the change as Mendoza patches, as the Studio requires. */
  effectFormat?: 'mendoza'
  /** Without a token a listener hears only of published documents, as on Sanity. */
  anonymous: boolean
}

type Listener = {
  res: ServerResponse
  filter: ExprNode
  options: ListenOptions
  /** Deliveries run in commit order, one transaction after the other. */
  queue: Promise<void>
  keepalive: NodeJS.Timeout
}

/** Comment lines keep proxies and clients from timing out an idle stream. */
export const KEEPALIVE_MS = 25_000
/** Who made a change: the lake has one identity, the holder of its token. */
const IDENTITY = 'lake'

/** Sanity's listen API: server-sent `mutation` events for committed changes a GROQ filter matched. */
export class ListenerHub {
  private readonly listeners = new Set<Listener>()

  constructor(
    private readonly sources: { raw: DocumentSource; anonymous: DocumentSource },
    private readonly context: QueryContext,
  ) {}

  open(res: ServerResponse, options: ListenOptions): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    })
    let filter: ExprNode
    try {
      filter = compileQuery(options.query, options.params)
    } catch (err) {
      if (!(err instanceof LakeError)) throw err
      // Sanity reports a bad filter on the stream itself; the client raises it as a ChannelError.
      sendEvent(res, 'channelError', { message: err.message, ...err.body })
      res.end()
      return
    }
    const listener: Listener = {
      res,
      filter,
      options,
      queue: Promise.resolve(),
      keepalive: setInterval(() => res.write(':\n\n'), KEEPALIVE_MS),
    }
    this.listeners.add(listener)
    // The response closes when the client goes away (or the lake shuts down).
    res.on('close', () => {
      clearInterval(listener.keepalive)
      this.listeners.delete(listener)
    })
    sendEvent(res, 'welcome', { listenerName: randomId() })
  }

  publish(transaction: CommittedTransaction): void {
    for (const listener of this.listeners) {
      listener.queue = listener.queue
        .then(() => this.deliver(listener, transaction))
        .catch((err) => console.error('Content lake: could not deliver a listen event:', err))
    }
  }

  closeAll(): void {
    for (const listener of this.listeners) {
      clearInterval(listener.keepalive)
      listener.res.end()
    }
    this.listeners.clear()
  }

  private async deliver(listener: Listener, transaction: CommittedTransaction) {
    const { options } = listener
    const heard: { change: DocumentChange; transition: Transition }[] = []
    for (const change of transaction.changes) {
      if (options.anonymous && !isPublicId(change.id)) continue
      const [was, is] = await Promise.all([this.matches(listener, change.before), this.matches(listener, change.after)])
      if (was || is) heard.push({ change, transition: was && is ? 'update' : is ? 'appear' : 'disappear' })
    }
    // The Studio groups a transaction's events (a publish changes the draft and the published document).
    for (const [index, { change, transition }] of heard.entries()) {
      const eventId = `${transaction.transactionId}#${change.id}`
      const position = { transactionTotalEvents: heard.length, transactionCurrentEvent: index + 1 }
      sendEvent(listener.res, 'mutation', { ...mutationEvent(eventId, transaction, change, transition, options), ...position }, eventId)
    }
  }

  /** Whether the filter selects this document state, evaluated against that state alone. */
  private async matches(listener: Listener, doc: LakeDocument | null): Promise<boolean> {
    if (!doc) return false
    const lookup = listener.options.anonymous ? this.sources.anonymous : this.sources.raw
    const source: DocumentSource = { get: (id) => (id === doc._id ? doc : lookup.get(id)), all: () => [doc] }
    try {
      const result = await evaluateQuery(listener.filter, source, this.context)
      return Array.isArray(result) ? result.length > 0 : Boolean(result)
    } catch {
      return false
    }
  }
}

type Transition = 'update' | 'appear' | 'disappear'

function mutationEvent(
  eventId: string,
  transaction: CommittedTransaction,
  change: DocumentChange,
  transition: Transition,
  options: ListenOptions,
) {
  return {
    eventId,
    documentId: change.id,
    transactionId: transaction.transactionId,
    transition,
    identity: IDENTITY,
    ...(options.includeMutations ? { mutations: change.mutations } : {}),
    previousRev: change.before?._rev,
    // A deletion's result revision is the transaction's, as on Sanity: the Studio drops events without one.
    resultRev: change.after?._rev ?? transaction.transactionId,
    timestamp: transaction.timestamp,
    visibility: 'query',
    ...(options.includeResult && change.after ? { result: change.after } : {}),
    ...(options.includePreviousRevision ? { previous: change.before } : {}),
    ...(options.effectFormat === 'mendoza' ? { effects: mendozaEffects(change) } : {}),
  }
}

/**
 * The change as Mendoza patches from one revision to the other and back. Each is the simplest
 * patch Mendoza has, the whole new value (without `_rev`, which the event carries), so applying it
 * gives exactly the document the lake stored.
 */
export function mendozaEffects(change: Pick<DocumentChange, 'before' | 'after'>) {
  const value = (doc: LakeDocument | null) => {
    if (!doc) return null
    const { _rev, ...rest } = doc
    return rest
  }
  return { apply: [0, value(change.after)], revert: [0, value(change.before)] }
}

export function sendEvent(res: ServerResponse, event: string, data: unknown, id?: string) {
  res.write(`event: ${event}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(data)}\n\n`)
}
