import type http from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { QueryContext } from '../core/context'
import { httpError, lakeError } from '../core/errors'
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
  checkScope(found.params, lake.context)
  await found.route.handle({ req, res, url, params: found.params, access, lake })
}

/** The lake serves one project and one dataset. */
function checkScope({ projectId, dataset }: Record<string, string>, context: QueryContext) {
  if (projectId !== undefined && projectId !== context.projectId) {
    throw httpError(404, `Project "${projectId}" not found; this lake serves "${context.projectId}"`)
  }
  if (dataset !== undefined && dataset !== context.dataset) {
    throw lakeError(404, 'datasetNotFound', `Dataset "${dataset}" not found for project ID "${context.projectId}"`)
  }
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
