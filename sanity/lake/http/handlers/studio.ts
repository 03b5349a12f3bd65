import { LOCAL_EDITOR } from '../../core/localEditor'
import { readJsonBody, sendJson } from '../request'
import type { Exchange } from '../routing'

/**
 * The project-level part of Sanity's API that the Studio calls besides the dataset: the project,
 * its datasets and grants, the current user and their stored preferences. Endpoints that exist
 * only for hosted features (journeys, upsells, help, schedules, applications) answer empty, so
 * the Studio shows none of them and never fails for their absence.
 */

/** The editor may read, write and see the history of every document, drafts and versions included. */
const GRANTS = [{ filter: '_id in path("**")', permissions: ['history', 'read', 'update', 'create'] }]

/** An answer that never changes: what the Studio is told of a hosted feature the lake leaves out. */
export const fixed =
  (body: unknown) =>
  ({ res }: Exchange) =>
    sendJson(res, 200, body)

export function authId({ res }: Exchange) {
  sendJson(res, 200, { id: LOCAL_EDITOR.id })
}

export function currentUser({ res }: Exchange) {
  sendJson(res, 200, LOCAL_EDITOR)
}

export function users({ res, params }: Exchange) {
  sendJson(res, 200, userList(params.ids ?? ''))
}

export function readPreferences({ res, params, lake }: Exchange) {
  sendJson(res, 200, lake.preferences.get((params.keys ?? '').split(',')))
}

export async function writePreferences({ req, res, lake }: Exchange) {
  sendJson(res, 200, lake.preferences.set(await readJsonBody(req)))
}

export function currentProject({ res, lake }: Exchange) {
  sendJson(res, 200, project(lake.context.projectId))
}

export function datasets({ res, url, lake }: Exchange) {
  // Add-on datasets (comments) are a hosted feature: the lake has only its one dataset.
  const addonFor = url.searchParams.get('addonFor')
  sendJson(
    res,
    200,
    addonFor ? [] : [{ name: lake.context.dataset, aclMode: 'private', addonFor: null, datasetProfile: 'content', tags: [] }],
  )
}

export function datasetAcl({ res }: Exchange) {
  sendJson(res, 200, GRANTS)
}

export function grants({ res }: Exchange) {
  sendJson(res, 200, projectGrants())
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
