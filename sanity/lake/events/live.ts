import type { ServerResponse } from 'node:http'
import { DRAFT_PREFIX, isDraftId, isPublishedId } from '../core/ids'
import type { SyncTagger } from '../query/syncTags'
import type { LakeDocument } from '../storage/store'
import { type CommittedTransaction, randomId } from '../writes/mutations'
import { KEEPALIVE_MS, sendEvent } from './listen'

/** A message's tags, or `restart` where there would be too many: the client then refetches everything. */
type Tags = string[] | 'restart'
/** What one commit told the streams: for streams with drafts, and for those without (nothing if it changed only drafts and versions). */
type LiveEvent = { sequence: number; id: string; withDrafts: Tags; published: Tags | undefined }

type Stream = { res: ServerResponse; includeDrafts: boolean; keepalive: NodeJS.Timeout }

/** Events kept for streams that reconnect with `Last-Event-ID`; one further back gets `restart`. */
const KEPT_EVENTS = 1_000
/** A transaction that changes more (an import) is told as a `restart`, not a message every stream must parse. */
const MAX_MESSAGE_TAGS = 1_000
const bounded = (tags: string[]): Tags => (tags.length > MAX_MESSAGE_TAGS ? 'restart' : tags)

/**
 * Sanity's Live Content API (`data/live/events`): one server-sent `message` per committed
 * transaction, with the sync tags of everything it changed (see query/syncTags.ts). A stream
 * without drafts hears only of changes to published documents, those with private ids (`x.y`)
 * too: a token's published queries read them, and the tags are opaque (keyed with the token).
 */
export class LiveEventHub {
  private readonly streams = new Set<Stream>()
  private readonly kept: LiveEvent[] = []
  private sequence = 0
  /** Event ids name this process, so a position from before a restart is recognised as lost. */
  private readonly epoch = randomId(8)

  /** `stored(id)`: a document as it is after the commit, for the draft or published one beside a changed one. */
  constructor(
    private readonly tagger: SyncTagger,
    private readonly stored: (id: string) => LakeDocument | undefined,
  ) {}

  open(res: ServerResponse, options: { includeDrafts: boolean; lastEventId: string | undefined }): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    })
    const stream: Stream = { res, includeDrafts: options.includeDrafts, keepalive: setInterval(() => res.write(':\n\n'), KEEPALIVE_MS) }
    this.streams.add(stream)
    res.on('close', () => {
      clearInterval(stream.keepalive)
      this.streams.delete(stream)
    })
    sendEvent(res, 'welcome', {})
    if (options.lastEventId === undefined) return
    const missed = this.since(options.lastEventId)
    if (!missed) {
      // The position is unknown (another process's, or aged out): the client refetches everything.
      const id = this.idOf(this.sequence)
      sendEvent(res, 'restart', { id }, id)
      return
    }
    for (const event of missed) this.send(stream, event)
  }

  publish(transaction: CommittedTransaction): void {
    const published = transaction.changes.filter((change) => isPublishedId(change.id))
    this.sequence += 1
    const counterpart = (id: string) => this.stored(isDraftId(id) ? id.slice(DRAFT_PREFIX.length) : DRAFT_PREFIX + id)
    const event: LiveEvent = {
      sequence: this.sequence,
      id: this.idOf(this.sequence),
      withDrafts: bounded(this.tagger.ofChanges(transaction.changes, counterpart)),
      published: published.length > 0 ? bounded(this.tagger.ofChanges(published)) : undefined,
    }
    this.kept.push(event)
    if (this.kept.length > KEPT_EVENTS) this.kept.shift()
    for (const stream of this.streams) this.send(stream, event)
  }

  /** Tells every stream to go elsewhere (the lake is closing); the client reconnects and resumes. */
  closeAll(): void {
    for (const stream of this.streams) {
      clearInterval(stream.keepalive)
      sendEvent(stream.res, 'goaway', {})
      stream.res.end()
    }
    this.streams.clear()
  }

  private send(stream: Stream, event: LiveEvent) {
    const tags = stream.includeDrafts ? event.withDrafts : event.published
    if (tags === 'restart') sendEvent(stream.res, 'restart', { id: event.id }, event.id)
    else if (tags) sendEvent(stream.res, 'message', { id: event.id, tags }, event.id)
  }

  /** The events after the one with this id, or undefined when that one is not this process's or no longer kept. */
  private since(lastEventId: string): LiveEvent[] | undefined {
    const [epoch, number] = lastEventId.split(':')
    const sequence = Number(number)
    if (epoch !== this.epoch || !Number.isInteger(sequence) || sequence > this.sequence) return undefined
    const first = this.kept[0]?.sequence ?? this.sequence + 1
    if (sequence < first - 1) return undefined
    return this.kept.filter((event) => event.sequence > sequence)
  }

  private idOf(sequence: number) {
    return `${this.epoch}:${sequence}`
  }
}
