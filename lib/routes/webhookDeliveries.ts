/**
 * The signed deliveries a webhook has accepted, so each is acted on once. A delivery is known by
 * its signature's digest: an HMAC over its timestamp and body, the only part of the request a
 * sender without the secret cannot vary (an `idempotency-key` header can be changed freely).
 * Entries are dropped once their signature is too old to be accepted anyway, and there are never
 * more than `capacity`: only deliveries that passed the signature check are recorded, so reaching
 * it takes that many genuine publishes inside one signature lifetime.
 */
export class WebhookDeliveries {
  private readonly expiries = new Map<string, number>()

  constructor(
    private readonly signatureLifetimeMs: number,
    private readonly capacity: number,
  ) {}

  /** True the first time a delivery is seen, false for a replay. */
  firstTime(digest: string, signedAt: number, now = Date.now()): boolean {
    for (const [known, expiry] of this.expiries) if (expiry < now) this.expiries.delete(known)
    if (this.expiries.has(digest)) return false
    if (this.expiries.size >= this.capacity) {
      const oldest = this.expiries.keys().next().value
      if (oldest !== undefined) this.expiries.delete(oldest)
    }
    this.expiries.set(digest, signedAt + this.signatureLifetimeMs)
    return true
  }

  get size(): number {
    return this.expiries.size
  }
}
