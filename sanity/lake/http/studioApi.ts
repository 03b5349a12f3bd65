import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import type { QueryContext } from '../core/context'
import { httpError } from '../core/errors'
import { LOCAL_EDITOR } from '../core/localEditor'
import { isRecord, readJsonBody, sendJson } from './request'

/** The editor may read, write and see the history of every document, drafts and versions included. */
const GRANTS = [{ filter: '_id in path("**")', permissions: ['history', 'read', 'update', 'create'] }]

/**
 * The project-level part of Sanity's API that the Studio calls besides the dataset: the project,
 * its datasets and grants, the current user and their stored preferences. Endpoints that exist
 * only for hosted features (journeys, upsells, help, schedules, applications) answer empty, so
 * the Studio shows none of them and never fails for their absence.
 */
export class StudioApi {
  private readonly preferences: Preferences

  constructor(
    private readonly context: QueryContext,
    dataDir: string,
  ) {
    this.preferences = new Preferences(path.join(dataDir, 'studio-preferences.json'))
  }

  /** Answers `path` (after the API version) if it is one of these endpoints; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse, segments: string[]): Promise<boolean> {
    const method = req.method ?? 'GET'
    const [area, id, sub, subId, subSub] = segments
    const { projectId, dataset } = this.context
    const read = method === 'GET' || method === 'HEAD'

    if (area === 'features' && read) return answer(res, [])
    if (area === 'help' && read) return answer(res, {})
    if (area === 'journey' && read) return answer(res, null)
    if (area === 'schedules' && read) return answer(res, { schedules: [] })
    if (area === 'auth' && id === 'id' && read) return answer(res, { id: LOCAL_EDITOR.id })
    // No telemetry leaves the machine.
    if (area === 'intake' && id === 'telemetry-status' && read) return answer(res, { status: 'denied' })

    if (area === 'users') {
      if (id === 'me' && sub === undefined && read) return answer(res, LOCAL_EDITOR)
      if (id === 'me' && sub === 'keyvalue') {
        if (read && subId) return answer(res, this.preferences.get(subId.split(',')))
        if (method === 'PUT' && subId === undefined) return answer(res, this.preferences.set(await readJsonBody(req)))
      }
      if (id && sub === undefined && read) return answer(res, userList(id))
    }

    if (area === 'projects' && id !== undefined) {
      if (id !== projectId) throw httpError(404, `Project "${id}" not found; this lake serves "${projectId}"`)
      if (sub === undefined && read) return answer(res, project(projectId))
      if (sub === 'datasets' && subId === undefined && read) {
        // Add-on datasets (comments) are a hosted feature: the lake has only its one dataset.
        const addonFor = new URL(req.url ?? '/', 'http://lake').searchParams.get('addonFor')
        return answer(res, addonFor ? [] : [{ name: dataset, aclMode: 'private', addonFor: null, datasetProfile: 'content', tags: [] }])
      }
      if (sub === 'datasets' && subId === dataset && subSub === 'acl' && read) return answer(res, GRANTS)
      if (sub === 'grants' && read) return answer(res, projectGrants())
      if (sub === 'users' && subId && read) return answer(res, userList(subId))
      if (sub === 'user-applications' && read) return answer(res, [])
    }
    return false
  }
}

function answer(res: ServerResponse, body: unknown): true {
  sendJson(res, 200, body)
  return true
}

function project(projectId: string) {
  return {
    id: projectId,
    displayName: 'Factline (embedded lake)',
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    metadata: {},
    organizationId: null,
    members: [{ id: LOCAL_EDITOR.id, role: 'administrator', roles: LOCAL_EDITOR.roles, isCurrentUser: true, isRobot: false }],
    features: [],
    pendingInvites: 0,
  }
}

function projectGrants() {
  const grants = [
    { name: 'read', params: {} },
    { name: 'update', params: {} },
    { name: 'create', params: {} },
    { name: 'history', params: {} },
  ]
  return {
    'sanity.document.filter': [{ grants, config: { filter: '_id in path("**")' } }],
    'sanity.document.filter.mode': [
      { grants: [{ name: 'mode', params: { mode: ['read', 'update', 'create', 'history'] } }], config: { filter: '_id in path("**")' } },
    ],
    'sanity.project': [{ grants: [{ name: 'read', params: {} }], config: {} }],
    'sanity.project.datasets': [{ grants: [{ name: 'read', params: {} }], config: {} }],
  }
}

/** Users by comma-separated ids: the lake knows only its local editor. */
function userList(ids: string) {
  const editor = {
    id: LOCAL_EDITOR.id,
    displayName: LOCAL_EDITOR.name,
    familyName: null,
    givenName: null,
    middleName: null,
    imageUrl: null,
    email: LOCAL_EDITOR.email,
  }
  const found = ids.split(',').map((id) => (id === LOCAL_EDITOR.id || id === 'me' ? editor : null))
  return ids.includes(',') ? found : (found[0] ?? {})
}

/** The editor's Studio preferences (list layouts, dismissed notices), kept beside the dataset. */
class Preferences {
  private readonly values: Record<string, unknown>

  constructor(private readonly file: string) {
    this.values = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {}
  }

  get(keys: string[]) {
    return keys.map((key) => ({ key, value: this.values[key] ?? null }))
  }

  set(body: unknown) {
    if (!Array.isArray(body) || !body.every((pair) => isRecord(pair) && typeof pair.key === 'string')) {
      throw httpError(400, 'Expected a JSON array of {"key", "value"} pairs')
    }
    for (const { key, value } of body as { key: string; value: unknown }[]) this.values[key] = value
    fs.writeFileSync(this.file, JSON.stringify(this.values))
    return body
  }
}
