import 'server-only'
import { decodeSignatureHeader, isValidSignature } from '@sanity/webhook'
import { revalidateTag } from 'next/cache'
import { CONTENT_TAG } from '@/lib/content/fetch'
import { noteListingChange } from '@/lib/feeds/listingChanges'
import { BodyTooLargeError, readBodyWithLimit } from '@/lib/http/readBodyWithLimit'
import { shareContentChange } from '@/lib/live/liveFanout'
import { WebhookDeliveries } from './webhookDeliveries'

const SIGNATURE_HEADER = 'sanity-webhook-signature'
/** Older signatures are refused, so a captured request cannot be replayed later. */
const MAX_SIGNATURE_AGE_MS = 5 * 60_000
/** A delivery names a changed document (the webhook's projection); far below this. */
const MAX_BODY_BYTES = 64 * 1024
const deliveries = new WebhookDeliveries(MAX_SIGNATURE_AGE_MS, 10_000)

const reject = (status: number, message: string) => Response.json({ error: message }, { status })

/**
 * Sanity's GROQ-powered webhook for a published change: verifies the signature with
 * @sanity/webhook, refuses stale or replayed deliveries, expires every cached page and feed that
 * read content, and tells open pages to refresh. Nothing is revalidated unless all checks pass.
 */
export async function handleRevalidateWebhook(request: Request): Promise<Response> {
  const secret = process.env.SANITY_WEBHOOK_SECRET
  if (!secret) return reject(500, 'Webhook secret is not configured')
  // Everything that can be checked without the body is checked before any of it is read.
  const signature = request.headers.get(SIGNATURE_HEADER)
  if (!signature) return reject(401, 'Missing signature')
  let signed: { timestamp: number; hashedPayload: string }
  try {
    signed = decodeSignatureHeader(signature)
  } catch {
    return reject(401, 'Malformed signature')
  }
  if (Math.abs(Date.now() - signed.timestamp) > MAX_SIGNATURE_AGE_MS) return reject(401, 'Stale signature')
  let body: string
  try {
    body = await readBodyWithLimit(request, MAX_BODY_BYTES)
  } catch (error) {
    // The rest of the body is never read, so the connection cannot carry another request.
    if (error instanceof BodyTooLargeError) {
      return Response.json({ error: `Body is larger than ${MAX_BODY_BYTES} bytes` }, { status: 413, headers: { connection: 'close' } })
    }
    throw error
  }
  if (!(await isValidSignature(body, signature, secret))) return reject(401, 'Invalid signature')
  if (!deliveries.firstTime(signed.hashedPayload, signed.timestamp)) return reject(401, 'Replayed delivery')

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
