import { randomUUID } from 'node:crypto'
import { encodeSignatureHeader } from '@sanity/webhook'
import type { CommittedTransaction } from './mutations'
import { isDraftId, isVersionId, type QueryContext } from './query'

/** A GROQ-powered webhook as Sanity configures one: where to POST, and the secret that signs it. */
export type WebhookConfig = { url: string; secret: string }

const ATTEMPTS = 4
const FIRST_RETRY_MS = 250

/**
 * Delivers a signed webhook for every published document a transaction creates, updates or
 * deletes, in the shape and with the headers Sanity sends, so the site's webhook route works
 * the same against the embedded lake and a hosted project. Drafts are not published content, so
 * they do not trigger it. Delivery is retried with backoff and never blocks the transaction.
 */
export class WebhookDispatcher {
  private readonly pending = new Set<Promise<void>>()

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

  /** Waits for deliveries in flight, so closing the lake does not cut one off. */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.pending])
  }

  private async deliver(
    hook: WebhookConfig,
    body: string,
    meta: { transactionId: string; timestamp: string; documentId: string; operation: string },
  ) {
    const idempotencyKey = randomUUID()
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, FIRST_RETRY_MS * 2 ** (attempt - 1)))
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
          signal: AbortSignal.timeout(5_000),
        })
        if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429)) return
      } catch {
        // The site may be restarting; the next attempt may reach it.
      }
    }
    console.warn(`[lake] webhook to ${hook.url} for ${meta.documentId} failed after ${ATTEMPTS} attempts`)
  }
}
