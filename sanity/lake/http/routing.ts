import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Access } from './access'
import type { LakeParts } from './parts'

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT'

/**
 * Who may call a route: `open` looks at no credentials; `studio` only a page from an allowed Studio
 * origin; `reader` anyone, anonymous without a token (a token that is not the lake's is refused);
 * `token` only the holder of the lake's token.
 */
export type RouteAccess = 'open' | 'studio' | 'reader' | 'token'

/** One request as a handler sees it: the path's named parts in `params`, `rest` for a trailing `*`. */
export type Exchange = {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  params: Record<string, string>
  access: Access
  lake: LakeParts
}

export type Route = {
  /** Methods answered; `*` for any. */
  methods: readonly Method[] | '*'
  /**
   * Segments of the path: a literal, `:name` (one non-empty segment) or, last, `*` (any number of
   * segments, in `params.rest`). `:version` must be an API version (`v1`, `vX`, `v2025-02-19`).
   */
  path: string
  access: RouteAccess
  handle: (exchange: Exchange) => void | Promise<void>
  /** Takes over the connection when the request asks to upgrade it (a WebSocket). */
  upgrade?: (upgrade: { req: IncomingMessage; socket: Duplex; head: Buffer; lake: LakeParts }) => void
}

const API_VERSION = /^v(1|X|\d{4}-\d{2}-\d{2})$/

/** The route whose path matches, with the path's parts; `wrongMethod` where only another method's does. */
export function findRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | { wrongMethod: readonly Method[] } | undefined {
  const segments = pathname.split('/').slice(1)
  const allowed: Method[] = []
  for (const route of routes) {
    const params = matchPath(route.path, segments)
    if (!params) continue
    if (route.methods === '*' || route.methods.includes(method as Method)) return { route, params }
    allowed.push(...route.methods)
  }
  return allowed.length > 0 ? { wrongMethod: allowed } : undefined
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1)
  const params: Record<string, string> = {}
  for (const [i, part] of parts.entries()) {
    if (part === '*') {
      params.rest = segments.slice(i).join('/')
      return params
    }
    const segment = segments[i]
    if (segment === undefined) return undefined
    if (!part.startsWith(':')) {
      if (segment !== part) return undefined
      continue
    }
    if (segment === '' || (part === ':version' && !API_VERSION.test(segment))) return undefined
    params[part.slice(1)] = segment
  }
  return segments.length === parts.length ? params : undefined
}
