import type { IncomingMessage, ServerResponse } from 'node:http'
import { httpError, LakeError, lakeError } from '../core/errors'

const JSON_BODY_LIMIT = 10 * 1024 * 1024
export const IMAGE_BODY_LIMIT = 25 * 1024 * 1024

/** Reads the whole request body, refusing (413) anything over `limit` before buffering it all. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function tooLarge(limit: number) {
  return httpError(413, `Request body exceeds the limit of ${Math.floor(limit / (1024 * 1024))} MB`)
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, JSON_BODY_LIMIT)).toString('utf8')
  if (text.trim() === '') throw httpError(400, 'Request body is empty; expected JSON')
  try {
    return JSON.parse(text)
  } catch (err) {
    throw httpError(400, `Request body is not valid JSON: ${(err as Error).message}`)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
  })
  res.end(payload)
}

/** GROQ parameters as the client sends them in a query string: `$name=<JSON>`. */
export function paramsFromSearch(search: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of search) {
    if (!key.startsWith('$')) continue
    try {
      params[key.slice(1)] = JSON.parse(value)
    } catch {
      throw lakeError(400, 'queryError', `Unable to parse the value of parameter ${key}: it must be JSON`)
    }
  }
  return params
}

/** Document ids from a comma-separated part of the path. */
export function idsFromPath(part: string): string[] {
  return part.split(',').map(decodePathPart)
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw httpError(400, `Malformed document ID in the URL: "${part}"`)
  }
}

export function sendError(res: ServerResponse, err: unknown) {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (err instanceof LakeError) {
    // An oversized body is left unread: close the connection rather than drain it.
    if (err.status === 413) res.setHeader('Connection', 'close')
    sendJson(res, err.status, err.body)
    return
  }
  console.error('Content lake: request failed:', err)
  sendJson(res, 500, { error: { description: 'Internal server error', type: 'internalError' } })
}
