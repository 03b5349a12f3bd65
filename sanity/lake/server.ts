import { randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import { LAKE_DEFAULT_PORT } from '../../lib/content/config'
import { actionsToMutations } from './actions'
import { httpError, LakeError, lakeError } from './errors'
import { DocumentHistory } from './history'
import { IMAGE_BODY_LIMIT, isRecord, readBody, readJsonBody, sendJson } from './http'
import { type ImageConfig, ImageRenderer, type ImageUploadMeta, storeImage } from './images'
import { importDataset } from './import-export'
import { checkResultSize, DEFAULT_QUERY_LIMITS, Deadline, type QueryLimits } from './limits'
import { ListenerHub } from './listen'
import { LOCAL_EDITOR } from './localEditor'
import { TransactionRunner } from './mutations'
import { PRESENCE_PATH, PresenceHub } from './presence'
import { compileQuery, evaluateQuery, isPublicId, parsePerspective, perspectiveSource, type QueryContext } from './query'
import { DocumentStore } from './store'
import { StudioApi } from './studioApi'
import { type WebhookConfig, WebhookDispatcher } from './webhooks'

export type LakeOptions = {
  /** 0 picks a free port. */
  port?: number
  host?: string
  dataDir: string
  /** The API token writes need; without it one is read from (or created at) `<dataDir>/token`. */
  token?: string
  projectId?: string
  dataset?: string
  /** An export folder (data.ndjson + images/) imported when the data dir holds no documents. */
  seedDir?: string
  /** Where image URLs in asset documents point; defaults to the lake's own URL. */
  publicBaseUrl?: string
  /** Signed webhooks sent for each published document a transaction changes, as Sanity sends them. */
  webhooks?: WebhookConfig[]
  /**
   * Origins of Studios allowed to call the API from a browser (CORS) and to sign in as the lake's
   * local editor. Empty: no browser Studio.
   */
  studioOrigins?: string[]
  /** What one query may cost (text, parameters, time, result); the defaults suit a newsroom's queries. */
  queryLimits?: Partial<QueryLimits>
  /**
   * Keep every release of a published trade series whatever writes it (sanity/lake/keepReleases.ts);
   * on by default. Off, the lake enforces nothing of the app's, as Sanity's hosted lake does not.
   */
  keepReleases?: boolean
}

export type RunningLake = { url: string; port: number; token: string; close(): Promise<void> }

const DEFAULT_PORT = LAKE_DEFAULT_PORT
const API_VERSION = /^v(1|X|\d{4}-\d{2}-\d{2})$/

type Access = 'token' | 'anonymous'

/** Starts the embedded content lake: Sanity's HTTP API for one dataset, served from `dataDir`. */
export async function startLake(options: LakeOptions): Promise<RunningLake> {
  const host = options.host ?? '127.0.0.1'
  const context: QueryContext = { projectId: options.projectId ?? 'local', dataset: options.dataset ?? 'production' }
  const dataDir = path.resolve(options.dataDir)
  const store = DocumentStore.open(dataDir)
  const server = http.createServer()
  let token: string
  try {
    token = options.token ?? readOrCreateToken(dataDir)
    await listen(server, options.port ?? DEFAULT_PORT, host)
  } catch (err) {
    store.close()
    throw err
  }
  const port = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const images: ImageConfig = {
    assetsDir: path.join(dataDir, 'assets'),
    projectId: context.projectId,
    dataset: context.dataset,
    publicBaseUrl: (options.publicBaseUrl ?? url).replace(/\/+$/, ''),
  }
  const history = new DocumentHistory(dataDir, store)
  const runner = new TransactionRunner(store, context, (id) => store.hasRevision(id) || history.has(id), {
    keepReleases: options.keepReleases ?? true,
  })
  const listeners = new ListenerHub({ raw: perspectiveSource(store, 'raw'), anonymous: perspectiveSource(store, 'anonymous') }, context)
  runner.onCommit((transaction) => listeners.publish(transaction))
  const api = new LakeApi({
    store,
    runner,
    listeners,
    images,
    renderer: new ImageRenderer(images.assetsDir),
    context,
    token,
    studioOrigins: new Set(options.studioOrigins ?? []),
    queryLimits: { ...DEFAULT_QUERY_LIMITS, ...options.queryLimits },
    studio: new StudioApi(context, dataDir),
    history,
  })

  // Requests that arrive while the seed is imported wait for it.
  const seeding = seed(options.seedDir, store, runner, images)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    seeding.then(() => api.handle(req, res)).catch((err) => sendError(res, err))
  })
  const presence = new PresenceHub((given) => tokenMatches(token, given))
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const dataset = PRESENCE_PATH.exec(new URL(req.url ?? '/', 'http://lake').pathname)?.[1]
    if (dataset === context.dataset) presence.upgrade(req, socket, head)
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
  })
  try {
    await seeding
  } catch (err) {
    await closeServer(server)
    presence.close()
    history.close()
    store.close()
    throw err
  }
  // Registered after seeding: importing the seed is not news for the site.
  const webhooks = new WebhookDispatcher(options.webhooks ?? [], context)
  runner.onCommit((transaction) => webhooks.dispatch(transaction))
  runner.onCommit((transaction) => history.record(transaction))

  let closing: Promise<void> | undefined
  return {
    url,
    port,
    token,
    close() {
      closing ??= (async () => {
        listeners.closeAll()
        presence.close()
        await closeServer(server)
        await runner.idle()
        await webhooks.close()
        history.close()
        store.close()
      })()
      return closing
    },
  }
}

async function seed(seedDir: string | undefined, store: DocumentStore, runner: TransactionRunner, images: ImageConfig) {
  if (!seedDir || store.size > 0 || !fs.existsSync(path.join(seedDir, 'data.ndjson'))) return
  await importDataset(seedDir, { runner, images })
}

type LakeParts = {
  store: DocumentStore
  runner: TransactionRunner
  listeners: ListenerHub
  images: ImageConfig
  renderer: ImageRenderer
  context: QueryContext
  token: string
  studioOrigins: Set<string>
  queryLimits: QueryLimits
  studio: StudioApi
  history: DocumentHistory
}

/** Routes a request to the part of Sanity's API it addresses. */
class LakeApi {
  constructor(private readonly lake: LakeParts) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://lake')
    const segments = url.pathname.split('/').slice(1)
    const method = req.method ?? 'GET'
    if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' })
    const studioOrigin = this.allowCors(req, res)
    if (method === 'OPTIONS') return preflight(req, res, studioOrigin)
    if (url.pathname === '/local/editor-session') {
      allow(method, ['POST'])
      return this.editorSession(res, studioOrigin)
    }

    if (segments[0] === 'images' && segments.length >= 4) {
      const [, projectId, dataset, file = ''] = segments
      if (projectId !== this.lake.context.projectId || dataset !== this.lake.context.dataset) {
        throw httpError(404, `No images for project "${projectId}", dataset "${dataset}"`)
      }
      allow(method, ['GET', 'HEAD'])
      return this.lake.renderer.serve(req, res, file, url.searchParams)
    }

    const [version, area, endpoint, dataset, ...rest] = segments
    // The Studio times an anonymous ping to learn which HTTP version the API speaks.
    if (version && API_VERSION.test(version) && (area === 'ping' || (area === 'data' && endpoint === 'ping'))) {
      return sendJson(res, 200, { ok: true })
    }
    if (version && API_VERSION.test(version) && area !== 'data' && area !== 'assets') {
      requireToken(this.access(req))
      if (await this.lake.studio.handle(req, res, segments.slice(1))) return
    }
    if (version && API_VERSION.test(version) && dataset !== undefined) {
      const access = this.access(req)
      const routes: Record<string, { methods: string[]; run: () => void | Promise<void> }> = {
        'data/query': { methods: ['GET', 'POST'], run: () => this.query(req, res, url, access) },
        'data/doc': { methods: ['GET'], run: () => this.documents(res, rest.join('/'), url, access) },
        'data/mutate': { methods: ['POST'], run: () => this.mutate(req, res, url, access) },
        'data/actions': { methods: ['POST'], run: () => this.act(req, res, access) },
        'data/history': { methods: ['GET'], run: () => this.history(res, rest, url, access) },
        // References from other datasets: the lake holds one dataset, so there are none.
        'data/references': { methods: ['GET'], run: () => sendJson(res, 200, { totalCount: 0, references: [] }) },
        'data/listen': { methods: ['GET'], run: () => this.listen(res, url, access) },
        'assets/images': { methods: ['POST'], run: () => this.upload(req, res, url, access) },
      }
      const route = routes[`${area}/${endpoint}`]
      if (route) {
        this.checkDataset(dataset)
        allow(method, route.methods)
        return route.run()
      }
    }
    throw httpError(404, `No such endpoint: ${method} ${url.pathname}`)
  }

  /** Lets an allowed Studio origin read answers, as Sanity's CORS origins do; returns that origin. */
  private allowCors(req: IncomingMessage, res: ServerResponse): string | undefined {
    const origin = req.headers.origin
    res.setHeader('Vary', 'Origin')
    if (!origin || !this.lake.studioOrigins.has(origin)) return undefined
    res.setHeader('Access-Control-Allow-Origin', origin)
    res.setHeader('Access-Control-Allow-Credentials', 'true')
    return origin
  }

  /**
   * The local editor's session, handed only to a page served from an allowed Studio origin (the
   * browser sets Origin; other pages cannot forge it), so the Studio needs no login screen.
   */
  private editorSession(res: ServerResponse, studioOrigin: string | undefined) {
    if (!studioOrigin) {
      throw httpError(403, 'The local editor signs in only from an allowed Studio origin (set LAKE_STUDIO_ORIGINS)')
    }
    sendJson(res, 200, { token: this.lake.token, user: LOCAL_EDITOR })
  }

  /** Anonymous without a token, like Sanity; a token that is not this lake's is refused outright. */
  private access(req: IncomingMessage): Access {
    const header = req.headers.authorization
    if (!header) return 'anonymous'
    const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? ''
    if (!tokenMatches(this.lake.token, given)) {
      throw httpError(401, 'Session not found: the token is not valid for this content lake')
    }
    return 'token'
  }

  private checkDataset(dataset: string) {
    if (dataset !== this.lake.context.dataset) {
      throw lakeError(404, 'datasetNotFound', `Dataset "${dataset}" not found for project ID "${this.lake.context.projectId}"`)
    }
  }

  private async query(req: IncomingMessage, res: ServerResponse, url: URL, access: Access) {
    let query: unknown = url.searchParams.get('query')
    let params = paramsFromSearch(url.searchParams)
    if (req.method === 'POST') {
      const body = await readJsonBody(req)
      if (!isRecord(body)) throw httpError(400, 'Expected a JSON object with "query" and "params"')
      query = body.query
      if (body.params !== undefined && !isRecord(body.params)) throw httpError(400, '"params" must be an object')
      params = body.params ?? {}
    }
    if (typeof query !== 'string' || query.trim() === '') throw lakeError(400, 'queryError', 'Missing the "query" parameter')
    const requested = parsePerspective(url.searchParams.get('perspective'))
    // Without a token only published documents with public ids are readable, whatever perspective is asked for.
    const perspective = access === 'token' ? requested : 'anonymous'
    const limits = this.lake.queryLimits
    const started = performance.now()
    const tree = compileQuery(query, params, limits)
    const result = await evaluateQuery(
      tree,
      perspectiveSource(this.lake.store, perspective),
      this.lake.context,
      new Deadline(limits.timeoutMs, limits.heapBytes),
    )
    checkResultSize(result, limits.resultBytes)
    const returnQuery = url.searchParams.get('returnQuery') !== 'false'
    sendJson(res, 200, { ms: Math.round(performance.now() - started), ...(returnQuery ? { query } : {}), result })
  }

  private documents(res: ServerResponse, idList: string, url: URL, access: Access) {
    const documents: unknown[] = []
    const omitted: { id: string; reason: 'existence' | 'permission' }[] = []
    for (const id of idList.split(',').map(decodePathPart)) {
      const doc = this.lake.store.get(id)
      if (access === 'anonymous' && !isPublicId(id)) omitted.push({ id, reason: 'permission' })
      else if (!doc) omitted.push({ id, reason: 'existence' })
      else documents.push(doc)
    }
    sendJson(res, 200, { documents: url.searchParams.get('excludeContent') === 'true' ? [] : documents, omitted })
  }

  private async mutate(req: IncomingMessage, res: ServerResponse, url: URL, access: Access) {
    requireToken(access)
    const body = await readJsonBody(req)
    if (!isRecord(body)) throw httpError(400, 'Expected a JSON object with "mutations"')
    const outcome = await this.lake.runner.run(body.mutations, {
      transactionId: transactionIdOf(body),
      dryRun: url.searchParams.get('dryRun') === 'true',
    })
    const withDocuments = url.searchParams.get('returnDocuments') === 'true'
    sendJson(res, 200, {
      transactionId: outcome.transactionId,
      results: outcome.results.map(({ id, operation, document }) => ({ id, operation, ...(withDocuments ? { document } : {}) })),
    })
  }

  private async act(req: IncomingMessage, res: ServerResponse, access: Access) {
    requireToken(access)
    const body = await readJsonBody(req)
    if (!isRecord(body)) throw httpError(400, 'Expected a JSON object with "actions"')
    const outcome = await this.lake.runner.run(actionsToMutations(body.actions), {
      transactionId: transactionIdOf(body),
      dryRun: body.dryRun === true,
    })
    sendJson(res, 200, { transactionId: outcome.transactionId })
  }

  private history(res: ServerResponse, [kind, ...path]: string[], url: URL, access: Access) {
    requireToken(access)
    const ids = (path.at(-1) ?? '').split(',').map(decodePathPart).filter(Boolean)
    if (ids.length === 0) throw httpError(400, 'Name the documents: /data/history/<dataset>/<kind>/<id,...>')
    if (kind === 'documents' && path.length === 1) return this.lake.history.documents(res, ids, url.searchParams)
    if (kind === 'transactions' && path.length === 1) return this.lake.history.transactions(res, ids, url.searchParams)
    if (kind === 'events' && path[0] === 'documents' && path.length === 2) return this.lake.history.events(res, ids[0] as string)
    throw httpError(404, `No such history endpoint: ${url.pathname}`)
  }

  private listen(res: ServerResponse, url: URL, access: Access) {
    const query = url.searchParams.get('query')
    if (!query) throw lakeError(400, 'queryError', 'Missing the "query" parameter')
    const flag = (name: string, fallback: boolean) => {
      const value = url.searchParams.get(name)
      return value === null ? fallback : value === 'true'
    }
    this.lake.listeners.open(res, {
      query,
      params: paramsFromSearch(url.searchParams),
      includeResult: flag('includeResult', false),
      includePreviousRevision: flag('includePreviousRevision', false),
      includeMutations: flag('includeMutations', true),
      effectFormat: url.searchParams.get('effectFormat') === 'mendoza' ? 'mendoza' : undefined,
      anonymous: access === 'anonymous',
    })
  }

  private async upload(req: IncomingMessage, res: ServerResponse, url: URL, access: Access) {
    requireToken(access)
    const bytes = await readBody(req, IMAGE_BODY_LIMIT)
    if (bytes.length === 0) throw lakeError(400, 'invalidImage', 'The upload is empty')
    const asset = await storeImage(bytes, uploadMeta(url.searchParams), this.lake.images)
    // The same bytes make the same asset: a re-upload returns the document already there.
    const existing = this.lake.store.get(asset._id)
    const document = existing ?? (await this.lake.runner.run([{ createIfNotExists: asset }])).results[0]?.document
    sendJson(res, 200, { document })
  }
}

function uploadMeta(search: URLSearchParams): ImageUploadMeta {
  const text = (name: string) => search.get(name) || undefined
  const sourceId = text('sourceId')
  const sourceName = text('sourceName')
  return {
    filename: text('filename'),
    label: text('label'),
    title: text('title'),
    description: text('description'),
    creditLine: text('creditLine'),
    source: sourceId && sourceName ? { id: sourceId, name: sourceName, url: text('sourceUrl') } : undefined,
  }
}

/** GROQ parameters as the client sends them in a query string: `$name=<JSON>`. */
function paramsFromSearch(search: URLSearchParams): Record<string, unknown> {
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

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw httpError(400, `Malformed document ID in the URL: "${part}"`)
  }
}

/** The transaction id a client chose for its mutations or actions, if any. */
function transactionIdOf(body: Record<string, unknown>): string | undefined {
  if (body.transactionId !== undefined && typeof body.transactionId !== 'string') {
    throw httpError(400, '"transactionId" must be a string')
  }
  return body.transactionId
}

function tokenMatches(token: string, given: string): boolean {
  const expected = Buffer.from(token)
  const actual = Buffer.from(given)
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

function preflight(req: IncomingMessage, res: ServerResponse, studioOrigin: string | undefined) {
  if (!studioOrigin) throw httpError(403, `Origin ${req.headers.origin ?? '(none)'} is not an allowed Studio origin`)
  res.writeHead(204, {
    'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
    'Access-Control-Max-Age': '600',
  })
  res.end()
}

function allow(method: string, methods: string[]) {
  if (!methods.includes(method)) throw httpError(405, `Method ${method} not allowed here; use ${methods.join(' or ')}`)
}

function requireToken(access: Access) {
  if (access !== 'token') throw httpError(401, 'Writing needs an API token: send "Authorization: Bearer <token>"')
}

function sendError(res: ServerResponse, err: unknown) {
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

function readOrCreateToken(dataDir: string): string {
  const file = path.join(dataDir, 'token')
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : ''
  if (existing) return existing
  const token = randomBytes(24).toString('hex')
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return token
}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeIdleConnections()
  })
}
