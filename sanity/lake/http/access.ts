import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { httpError } from '../core/errors'
import type { RouteAccess } from './routing'

/** How a request is made: with the lake's token, or without one. */
export type Access = 'token' | 'anonymous'

/** Checks a request against a route's access; a token that is not this lake's is refused outright. */
export function accessFor(req: IncomingMessage, required: RouteAccess, token: string, studioOrigin: string | undefined): Access {
  if (required === 'open') return 'anonymous'
  if (required === 'studio') {
    if (!studioOrigin) {
      throw httpError(403, 'The local editor signs in only from an allowed Studio origin (set LAKE_STUDIO_ORIGINS)')
    }
    return 'anonymous'
  }
  const header = req.headers.authorization
  const access = header ? bearer(header, token) : 'anonymous'
  if (required === 'token' && access !== 'token') {
    throw httpError(401, 'Writing needs an API token: send "Authorization: Bearer <token>"')
  }
  return access
}

function bearer(header: string, token: string): Access {
  const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? ''
  if (!tokenMatches(token, given)) throw httpError(401, 'Session not found: the token is not valid for this content lake')
  return 'token'
}

export function tokenMatches(token: string, given: string): boolean {
  const expected = Buffer.from(token)
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** Lets an allowed Studio origin read answers, as Sanity's CORS origins do; returns that origin. */
export function allowCors(req: IncomingMessage, res: ServerResponse, studioOrigins: ReadonlySet<string>): string | undefined {
  const origin = req.headers.origin
  res.setHeader('Vary', 'Origin')
  if (!origin || !studioOrigins.has(origin)) return undefined
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  return origin
}

export function preflight(req: IncomingMessage, res: ServerResponse, studioOrigin: string | undefined) {
  if (!studioOrigin) throw httpError(403, `Origin ${req.headers.origin ?? '(none)'} is not an allowed Studio origin`)
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  })
  res.end()
}
