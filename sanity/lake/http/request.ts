import type { IncomingMessage, ServerResponse } from 'node:http'
import { httpError } from '../core/errors'

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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
