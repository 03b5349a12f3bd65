import { ServerError } from '@sanity/client'

/**
 * Thrown when the content lake cannot be reached and this process never had an answer to the
 * query: the page, feed or download has no copy to fall back on and answers 503.
 */
export class ContentUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The content lake cannot be reached and this content was never loaded before', { cause })
    this.name = 'ContentUnavailableError'
  }
}

/**
 * Whether a failed content fetch means the lake is unreachable (down, restarting, overloaded)
 * rather than that the request was wrong: a network error (fetch rejects with a TypeError, per the
 * Fetch standard, and Node's fetch gives the socket's error as its cause), a timeout, or a 5xx
 * answer. A 4xx, such as a bad query, and a TypeError of the app's own are faults to surface.
 */
export function isLakeUnreachable(error: unknown): boolean {
  if (error instanceof ServerError) return true
  if (error instanceof TypeError) return error.cause instanceof Error
  return error instanceof Error && error.name === 'TimeoutError'
}

/**
 * The last answer the lake gave to each query, most recently used last, at most `limit` of them.
 * Next.js's own cache cannot play this part: the publish webhook deletes every tagged entry, so
 * after a publish it holds nothing for a render that cannot reach the lake.
 */
export class LastGoodAnswers {
  readonly #answers = new Map<string, unknown>()
  constructor(readonly limit: number) {}

  remember(key: string, answer: unknown): void {
    this.#answers.delete(key)
    this.#answers.set(key, answer)
    if (this.#answers.size > this.limit) this.#answers.delete(this.#answers.keys().next().value as string)
  }

  /** The answer for `key`, or `undefined` when there never was one (a stored answer may be `null`). */
  recall(key: string): { answer: unknown } | undefined {
    if (!this.#answers.has(key)) return undefined
    const answer = this.#answers.get(key)
    this.remember(key, answer)
    return { answer }
  }
}
