import type http from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { QueryContext } from '../core/context'
import { httpError, type LakeError, lakeError } from '../core/errors'
import { accessFor, allowCors, preflight } from './access'
import type { LakeParts } from './parts'
import { sendError } from './request'
import { ROUTES } from './routes'
import { findRoute } from './routing'

/** Answers a request from the route table, errors in the shapes Sanity's API gives them. */
export function answer(lake: LakeParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return dispatch(lake, req, res).catch((err) => sendError(res, err))
}

async function dispatch(lake: LakeParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://lake')
  const method = req.method ?? 'GET'
  const studioOrigin = allowCors(req, res, lake.studioOrigins)
  if (method === 'OPTIONS') return preflight(req, res, studioOrigin)
  const found = findRoute(ROUTES, method, url.pathname)
  if (!found) throw httpError(404, `No such endpoint: ${method} ${url.pathname}`)
  if ('wrongMethod' in found) throw httpError(405, `Method ${method} not allowed here; use ${found.wrongMethod.join(' or ')}`)
  const access = accessFor(req, found.route.access, lake.token, studioOrigin)
  const outOfScope = scopeError(found.params, lake.context)
  if (outOfScope) throw outOfScope
  await found.route.handle({ req, res, url, params: found.params, access, lake })
}

/** Hands a connection that asks to be upgraded to its route; one with none is refused. */
export function upgrade(lake: LakeParts, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const found = findRoute(ROUTES, req.method ?? 'GET', new URL(req.url ?? '/', 'http://lake').pathname)
  if (!found || !('route' in found) || !found.route.upgrade || scopeError(found.params, lake.context)) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    return
  }
  found.route.upgrade({ req, socket, head, lake })
}

/** The lake serves one project and one dataset. */
function scopeError({ projectId, dataset }: Record<string, string>, context: QueryContext): LakeError | undefined {
  if (projectId !== undefined && projectId !== context.projectId) {
    return httpError(404, `Project "${projectId}" not found; this lake serves "${context.projectId}"`)
  }
  if (dataset !== undefined && dataset !== context.dataset) {
    return lakeError(404, 'datasetNotFound', `Dataset "${dataset}" not found for project ID "${context.projectId}"`)
  }
  return undefined
}

export function listenOn(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeIdleConnections()
  })
}
