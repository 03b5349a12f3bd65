import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import { LAKE_DEFAULT_PORT } from '../../lib/content/config'
import type { QueryContext } from './core/context'
import { ListenerHub } from './events/listen'
import { LiveEventHub } from './events/live'
import { PresenceHub } from './events/presence'
import { type WebhookConfig, WebhookDispatcher } from './events/webhooks'
import { DocumentHistory } from './history/log'
import { tokenMatches } from './http/access'
import { StudioPreferences } from './http/handlers/studioPreferences'
import type { LakeParts } from './http/parts'
import { sendError } from './http/request'
import { answer, closeServer, listenOn, upgrade } from './http/server'
import { ImageRenderer } from './images/render'
import type { ImageConfig } from './images/store'
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './query/limits'
import { SyncTagger } from './query/syncTags'
import { perspectiveSource } from './query/views'
import { importDataset } from './storage/import-export'
import { DocumentStore } from './storage/store'
import { TransactionRunner } from './writes/mutations'

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
   * Keep every release of a published trade series whatever writes it (sanity/lake/storage/keepReleases.ts);
   * on by default. Off, the lake enforces nothing of the app's, as Sanity's hosted lake does not.
   */
  keepReleases?: boolean
}

export type RunningLake = {
  url: string
  port: number
  token: string
  /** Resolves once the text indexes being built in the background (after a first search of a text) are complete. */
  indexed(): Promise<void>
  close(): Promise<void>
}

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
    await listenOn(server, options.port ?? LAKE_DEFAULT_PORT, host)
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
  const syncTags = new SyncTagger(token)
  const live = new LiveEventHub(syncTags, (id) => store.get(id))
  const presence = new PresenceHub((given) => tokenMatches(token, given))
  const parts: LakeParts = {
    store,
    runner,
    listeners,
    live,
    syncTags,
    images,
    renderer: new ImageRenderer(),
    context,
    token,
    studioOrigins: new Set(options.studioOrigins ?? []),
    queryLimits: { ...DEFAULT_QUERY_LIMITS, ...options.queryLimits },
    preferences: new StudioPreferences(dataDir),
    history,
    presence,
  }

  // Requests that arrive while the seed is imported wait for it.
  const seeding = seed(options.seedDir, store, runner, images)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    seeding.then(
      () => answer(parts, req, res),
      (err) => sendError(res, err),
    )
  })
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => upgrade(parts, req, socket, head))
  try {
    await seeding
  } catch (err) {
    await closeServer(server)
    presence.close()
    store.close()
    throw err
  }
  // Registered after seeding: importing the seed is not news for the site.
  const webhooks = new WebhookDispatcher(options.webhooks ?? [], context)
  runner.onCommit((transaction) => webhooks.dispatch(transaction))
  runner.onCommit((transaction) => history.record(transaction))
  runner.onCommit((transaction) => live.publish(transaction))

  let closing: Promise<void> | undefined
  return {
    url,
    port,
    token,
    indexed: () => store.searchPostings.indexed(),
    close() {
      closing ??= (async () => {
        listeners.closeAll()
        live.closeAll()
        presence.close()
        await closeServer(server)
        await runner.idle()
        await webhooks.close()
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

function readOrCreateToken(dataDir: string): string {
  const file = path.join(dataDir, 'token')
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : ''
  if (existing) return existing
  const token = randomBytes(24).toString('hex')
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 })
  return token
}
