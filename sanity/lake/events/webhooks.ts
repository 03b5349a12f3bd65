import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { encodeSignatureHeader } from '@sanity/webhook'
import type { QueryContext } from '../core/context'
import { isDraftId, isVersionId } from '../core/ids'
import type { CommittedTransaction } from '../writes/mutations'

/** A GROQ-powered webhook as Sanity configures one: where to POST, and the secret that signs it. */
export type WebhookConfig = { url: string; secret: string }

// Retries span about a minute, so a site that is busy or restarting still hears of the change.
const ATTEMPTS = 8
const FIRST_RETRY_MS = 250
const MAX_RETRY_MS = 15_000

/**
 * Delivers a signed webhook for every published document a transaction creates, updates or
 * deletes, in the shape and with the headers Sanity sends, so the site's webhook route works
 * the same against the embedded lake and a hosted project. Drafts are not published content, so
 * they do not trigger it. Delivery is retried with backoff and never blocks the transaction.
 */
export class WebhookDispatcher {
  private readonly pending = new Set<Promise<void>>()
  private readonly closing = new AbortController()

  constructor(
    private readonly hooks: WebhookConfig[],
    private readonly context: QueryContext,
  ) {}

  dispatch(transaction: CommittedTransaction): void {
    for (const change of transaction.changes) {
      if (isDraftId(change.id) || isVersionId(change.id)) continue
      const document = change.after ?? change.before
      if (!document) continue
      const operation = !change.before ? 'create' : !change.after ? 'delete' : 'update'
      const body = JSON.stringify({ _id: document._id, _type: document._type, _rev: document._rev, slug: document.slug ?? null, operation })
      for (const hook of this.hooks) {
        const delivery = this.deliver(hook, body, {
          transactionId: transaction.transactionId,
          timestamp: transaction.timestamp,
          documentId: change.id,
          operation,
        })
        this.pending.add(delivery)
        void delivery.finally(() => this.pending.delete(delivery))
      }
    }
  }

  /** Stops retrying: a lake that is closing gives up on sites that are not answering. */
  async close(): Promise<void> {
    this.closing.abort()
    await Promise.allSettled([...this.pending])
  }

  private async deliver(
    hook: WebhookConfig,
    body: string,
    meta: { transactionId: string; timestamp: string; documentId: string; operation: string },
  ) {
    const idempotencyKey = randomUUID()
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) {
        const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1))
        await sleep(delay, undefined, { signal: this.closing.signal }).catch(() => undefined)
      }
      if (this.closing.signal.aborted) return
      try {
        const response = await fetch(hook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), hook.secret),
            'sanity-transaction-id': meta.transactionId,
            'sanity-transaction-time': meta.timestamp,
            'sanity-dataset': this.context.dataset,
            'sanity-project-id': this.context.projectId,
            'sanity-document-id': meta.documentId,
            'sanity-operation': meta.operation,
            'idempotency-key': idempotencyKey,
          },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(10_000), this.closing.signal]),
        })
        if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429)) return
      } catch {
        // The site may be restarting; the next attempt may reach it.
      }
    }
    console.warn(`[lake] webhook to ${hook.url} for ${meta.documentId} failed after ${ATTEMPTS} attempts`)
  }
}
