/**
 * Errors in the shapes Sanity's HTTP API uses, so that @sanity/client turns them into a
 * ClientError with a useful message: Content Lake errors (`{error: {description, type}}`) for
 * queries and mutations, and Boom-style errors (`{statusCode, error, message}`) for the transport.
 */
export class LakeError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    message: string,
  ) {
    super(message)
    this.name = 'LakeError'
  }
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  426: 'Upgrade Required',
}

/** A transport-level failure (auth, routing, body size, unparseable body). */
export function httpError(status: number, message: string): LakeError {
  const error = STATUS_NAMES[status] ?? 'Error'
  return new LakeError(status, { statusCode: status, error, message }, message)
}

/** A Content Lake error with a description and a machine-readable type. */
export function lakeError(status: number, type: string, description: string): LakeError {
  return new LakeError(status, { error: { description, type } }, description)
}

export type MutationErrorItem = { index: number; type: string; description: string; id?: string }

/** A rejected transaction: the first failing mutation, reported the way Sanity reports it. */
export function mutationError(status: number, item: MutationErrorItem): LakeError {
  const description = `The mutation(s) failed: ${item.description}`
  const detail = { description: item.description, type: item.type, ...(item.id ? { id: item.id } : {}) }
  return new LakeError(
    status,
    { error: { description, type: 'mutationError', items: [{ error: detail, index: item.index }] } },
    description,
  )
}

/** A GROQ syntax error, with the span the client draws a code frame around. */
export function queryParseError(query: string, position: number, description: string): LakeError {
  return new LakeError(
    400,
    { error: { description, query, start: position, end: Math.min(position + 1, query.length), type: 'queryParseError' } },
    description,
  )
}
