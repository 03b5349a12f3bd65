import { act, documents, listen, mutate, query, references } from './handlers/data'
import { historyDocuments, historyEvents, historyTransactions } from './handlers/history'
import { serveImage, uploadImage } from './handlers/images'
import { liveEvents } from './handlers/live'
import { editorSession, health, ping, presenceWithoutUpgrade } from './handlers/service'
import {
  authId,
  currentProject,
  currentUser,
  datasetAcl,
  datasets,
  fixed,
  grants,
  readPreferences,
  users,
  writePreferences,
} from './handlers/studio'
import type { Method, Route } from './routing'

const READ: Method[] = ['GET', 'HEAD']

/**
 * Every endpoint the lake answers, first match wins. `:dataset` and `:projectId` must name the
 * lake's own (404 otherwise); `:version` is an API version. The README's endpoint list is this table.
 */
export const ROUTES: readonly Route[] = [
  { methods: '*', path: '/health', access: 'open', handle: health },
  { methods: ['POST'], path: '/local/editor-session', access: 'studio', handle: editorSession },
  { methods: READ, path: '/images/:projectId/:dataset/:file', access: 'open', handle: serveImage },
  { methods: '*', path: '/:version/ping/*', access: 'open', handle: ping },
  { methods: '*', path: '/:version/data/ping/*', access: 'open', handle: ping },

  // The dataset: Sanity's data and assets API.
  { methods: ['GET', 'POST'], path: '/:version/data/query/:dataset', access: 'reader', handle: query },
  { methods: ['GET'], path: '/:version/data/doc/:dataset/*', access: 'reader', handle: documents },
  { methods: ['POST'], path: '/:version/data/mutate/:dataset', access: 'token', handle: mutate },
  { methods: ['POST'], path: '/:version/data/actions/:dataset', access: 'token', handle: act },
  { methods: ['GET'], path: '/:version/data/listen/:dataset', access: 'reader', handle: listen },
  { methods: ['GET'], path: '/:version/data/live/events/:dataset', access: 'reader', handle: liveEvents },
  { methods: ['GET'], path: '/:version/data/references/:dataset/*', access: 'reader', handle: references },
  { methods: ['GET'], path: '/:version/data/history/:dataset/documents/:ids', access: 'token', handle: historyDocuments },
  { methods: ['GET'], path: '/:version/data/history/:dataset/transactions/:ids', access: 'token', handle: historyTransactions },
  { methods: ['GET'], path: '/:version/data/history/:dataset/events/documents/:ids', access: 'token', handle: historyEvents },
  { methods: ['POST'], path: '/:version/assets/images/:dataset', access: 'token', handle: uploadImage },
  // Studio presence (Bifur over a WebSocket), which authorizes with the token inside its protocol.
  {
    methods: ['GET'],
    path: '/:version/socket/:dataset',
    access: 'open',
    handle: presenceWithoutUpgrade,
    upgrade: ({ req, socket, head, lake }) => lake.presence.upgrade(req, socket, head),
  },

  // The project around the dataset, as the Studio asks for it; hosted-only features answer empty.
  { methods: READ, path: '/:version/users/me', access: 'token', handle: currentUser },
  { methods: READ, path: '/:version/users/me/keyvalue/:keys', access: 'token', handle: readPreferences },
  { methods: ['PUT'], path: '/:version/users/me/keyvalue', access: 'token', handle: writePreferences },
  { methods: READ, path: '/:version/users/:ids', access: 'token', handle: users },
  { methods: READ, path: '/:version/auth/id/*', access: 'token', handle: authId },
  { methods: READ, path: '/:version/projects/:projectId', access: 'token', handle: currentProject },
  { methods: READ, path: '/:version/projects/:projectId/datasets', access: 'token', handle: datasets },
  { methods: READ, path: '/:version/projects/:projectId/datasets/:dataset/acl/*', access: 'token', handle: datasetAcl },
  { methods: READ, path: '/:version/projects/:projectId/grants/*', access: 'token', handle: grants },
  { methods: READ, path: '/:version/projects/:projectId/users/:ids/*', access: 'token', handle: users },
  { methods: READ, path: '/:version/projects/:projectId/user-applications/*', access: 'token', handle: fixed([]) },
  { methods: READ, path: '/:version/features/*', access: 'token', handle: fixed([]) },
  { methods: READ, path: '/:version/help/*', access: 'token', handle: fixed({}) },
  { methods: READ, path: '/:version/journey/*', access: 'token', handle: fixed(null) },
  { methods: READ, path: '/:version/schedules/*', access: 'token', handle: fixed({ schedules: [] }) },
  // No telemetry leaves the machine.
  { methods: READ, path: '/:version/intake/telemetry-status/*', access: 'token', handle: fixed({ status: 'denied' }) },
]
