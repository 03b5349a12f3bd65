import { lakeError } from '../core/errors'

/**
 * What one GROQ query may cost. Anyone can query the lake without a token, so a query is bounded
 * in the size of its text and parameters, in the time it may hold the lake (evaluation is
 * synchronous: while it runs nothing else is answered), and in the size of its answer (which is
 * built in memory before it is sent).
 */
export type QueryLimits = {
  /** Bytes of query text. */
  queryBytes: number
  /** Bytes of the parameters as JSON. */
  paramsBytes: number
  /** Milliseconds of evaluation. */
  timeoutMs: number
  /** Bytes the heap may grow by while the query is evaluated (nothing else runs meanwhile: the growth is the query's). */
  heapBytes: number
  /** Bytes of the result as JSON. */
  resultBytes: number
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  queryBytes: 64 * 1024,
  paramsBytes: 1024 * 1024,
  timeoutMs: 2_000,
  heapBytes: 512 * 1024 * 1024,
  resultBytes: 32 * 1024 * 1024,
}

/** How many steps pass between looks at the clock. */
const STEPS_PER_CHECK = 64

/** How many clock checks pass between looks at the heap (which costs more). */
const CHECKS_PER_HEAP_LOOK = 16

/**
 * The time and memory a query has left. Evaluation checks them as it goes (each document read from
 * the dataset or a candidate list, each lookup, each batch tested) and stops with a 400 once
 * either is spent. The query runs on the lake's own thread, next to its documents and indexes
 * (a worker would need a copy of the dataset), so these bounds are what keeps it from holding
 * every other request for longer than `timeoutMs`.
 */
export class Deadline {
  private readonly at: number
  private readonly heapCeiling: number
  private steps = 0
  private checks = 0

  constructor(
    readonly timeoutMs: number,
    readonly heapBytes = DEFAULT_QUERY_LIMITS.heapBytes,
  ) {
    this.at = performance.now() + timeoutMs
    this.heapCeiling = process.memoryUsage().heapUsed + heapBytes
  }

  check(): void {
    if (performance.now() > this.at) {
      throw lakeError(
        400,
        'queryTimeout',
        `Query exceeded the time limit of ${this.timeoutMs} ms: narrow its filters, slice its results or avoid sub-queries over the whole dataset`,
      )
    }
    if (++this.checks % CHECKS_PER_HEAP_LOOK === 0 && process.memoryUsage().heapUsed > this.heapCeiling) {
      throw lakeError(
        400,
        'queryMemoryLimit',
        `Query needed more than ${Math.round(this.heapBytes / (1024 * 1024))} MB of memory: narrow its filters or project fewer fields`,
      )
    }
  }

  /** A cheap step: the clock is read only every few calls. */
  step(): void {
    if (++this.steps % STEPS_PER_CHECK === 0) this.check()
  }

  /** The list as groq-js reads it, checking the deadline as it is iterated (lists are read only through iteration in the hot paths). */
  watch<T>(list: readonly T[]): readonly T[] {
    const deadline = this
    return new Proxy(list, {
      get(target, key, receiver) {
        if (key !== Symbol.iterator) return Reflect.get(target, key, receiver)
        return function* () {
          for (const item of target) {
            deadline.step()
            yield item
          }
        }
      },
    })
  }
}

export function checkQuerySize(query: string, paramsJson: string, limits: QueryLimits): void {
  const queryBytes = Buffer.byteLength(query)
  if (queryBytes > limits.queryBytes) {
    throw lakeError(400, 'queryTooLarge', `Query is ${queryBytes} bytes; the limit is ${limits.queryBytes} bytes`)
  }
  const paramsBytes = Buffer.byteLength(paramsJson)
  if (paramsBytes > limits.paramsBytes) {
    throw lakeError(
      400,
      'queryParamsTooLarge',
      `Query parameters are ${paramsBytes} bytes as JSON; the limit is ${limits.paramsBytes} bytes`,
    )
  }
}

/**
 * Refuses a result whose JSON would pass `limit` bytes, measured without writing it out (a result
 * can repeat one large value many times: its JSON would not fit in memory). Counts string lengths
 * as a lower bound of their bytes, which is enough to stop a runaway result early.
 */
export function checkResultSize(result: unknown, limit: number): void {
  let size = 0
  const stack: unknown[] = [result]
  while (stack.length > 0) {
    const value = stack.pop()
    if (typeof value === 'string') size += value.length + 2
    else if (Array.isArray(value)) {
      size += 1 + value.length
      for (const item of value) stack.push(item)
    } else if (typeof value === 'object' && value !== null) {
      // for...in rather than Object.entries: no array of pairs per object of a large answer.
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue
        size += key.length + 4
        stack.push((value as Record<string, unknown>)[key])
      }
      size += 2
    } else size += 8
    if (size > limit) {
      throw lakeError(400, 'queryResultTooLarge', `Query result exceeds the limit of ${limit} bytes: slice it or project fewer fields`)
    }
  }
}
