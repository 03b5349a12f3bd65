import 'server-only'
import { decodeSignatureHeader, isValidSignature } from '@sanity/webhook'
import { revalidateTag } from 'next/cache'
import { noteListingChange } from '@/lib/feeds/listingChanges'
import { CONTENT_TAG } from './fetch'
import { shareContentChange } from './liveFanout'

const SIGNATURE_HEADER = 'sanity-webhook-signature'
/** Older signatures are refused, so a captured request cannot be replayed later. */
const MAX_SIGNATURE_AGE_MS = 5 * 60_000
const seenDeliveries = new Map<string, number>()

const reject = (status: number, message: string) => Response.json({ error: message }, { status })

/**
 * Sanity's GROQ-powered webhook for a published change: verifies the signature with
 * @sanity/webhook, refuses stale or replayed deliveries, expires every cached page and feed that
 * read content, and tells open pages to refresh. Nothing is revalidated unless all checks pass.
 */
export async function handleRevalidateWebhook(request: Request): Promise<Response> {
  const secret = process.env.SANITY_WEBHOOK_SECRET
  if (!secret) return reject(500, 'Webhook secret is not configured')
  const signature = request.headers.get(SIGNATURE_HEADER)
  if (!signature) return reject(401, 'Missing signature')
  const body = await request.text()
  let timestamp: number
  try {
    timestamp = decodeSignatureHeader(signature).timestamp
  } catch {
    return reject(401, 'Malformed signature')
  }
  if (!(await isValidSignature(body, signature, secret))) return reject(401, 'Invalid signature')
  if (Math.abs(Date.now() - timestamp) > MAX_SIGNATURE_AGE_MS) return reject(401, 'Stale signature')
  const deliveryId = request.headers.get('idempotency-key') ?? signature
  forgetOldDeliveries()
  if (seenDeliveries.has(deliveryId)) return reject(401, 'Replayed delivery')
  seenDeliveries.set(deliveryId, Date.now())

  let change: { _id?: unknown; _type?: unknown; operation?: unknown }
  try {
    change = JSON.parse(body)
  } catch {
    return reject(400, 'Body is not JSON')
  }
  // Expire now rather than serve stale once: a revised figure must reach the next reader.
  revalidateTag(CONTENT_TAG, { expire: 0 })
  // A story deleted, unpublished or moved leaves a feed with nothing newer in it (lib/feeds/listingChanges).
  if (change._type === 'article' && change.operation !== 'create') noteListingChange()
  await shareContentChange({ documentId: String(change._id ?? ''), type: String(change._type ?? ''), at: new Date().toISOString() })
  return Response.json({ revalidated: true, tags: [CONTENT_TAG] })
}

function forgetOldDeliveries() {
  const cutoff = Date.now() - MAX_SIGNATURE_AGE_MS
  for (const [id, at] of seenDeliveries) {
    if (at >= cutoff) break
    seenDeliveries.delete(id)
  }
}
