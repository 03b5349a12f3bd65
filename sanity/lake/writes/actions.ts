import { lakeError } from '../core/errors'
import { DRAFT_PREFIX, isDraftId } from '../core/ids'
import { isRecord } from '../core/json'
import type { LakeDocument } from '../storage/store'
import { applyPatch, type MutationsOf } from './mutations'

type Get = (id: string) => LakeDocument | undefined

/**
 * Sanity's Actions API (`/data/actions`), which the Studio uses to create, edit, publish,
 * unpublish, discard and delete: each action becomes mutations on the draft/published pair, all
 * in one transaction, worked out from the documents as they stand when the transaction runs.
 * Releases and variants are hosted features the lake does not offer.
 */
export function actionsToMutations(actions: unknown): MutationsOf {
  const list = Array.isArray(actions) ? actions : [actions]
  if (list.length === 0 || !list.every(isRecord)) {
    throw lakeError(400, 'invalidAction', 'Expected "actions" to be an action object or a non-empty array of them')
  }
  return (get) => {
    // Later actions see what earlier ones in the same request did.
    const overlay = new Map<string, LakeDocument | null>()
    const current: Get = (id) => (overlay.has(id) ? (overlay.get(id) ?? undefined) : get(id))
    return list.flatMap((action, index) => {
      const mutations = toMutations(action as Record<string, unknown>, index, current)
      for (const mutation of mutations) track(mutation, overlay, current, index)
      return mutations
    })
  }
}

function toMutations(action: Record<string, unknown>, index: number, get: Get): Record<string, unknown>[] {
  const type = action.actionType
  const publishedId = () => idField(action, 'publishedId', index)
  const draftId = (field = 'draftId') => (action[field] === undefined ? `${DRAFT_PREFIX}${publishedId()}` : idField(action, field, index))
  switch (type) {
    case 'sanity.action.document.create': {
      const attributes = objectField(action, 'attributes', index)
      const id = `${DRAFT_PREFIX}${publishedId()}`
      if (get(id)) {
        if (action.ifExists === 'ignore') return []
        throw actionError(409, index, 'documentAlreadyExistsError', `Document "${id}" already exists`)
      }
      return [{ create: { ...attributes, _id: id } }]
    }
    case 'sanity.action.document.edit': {
      const id = draftId()
      const patch = objectField(action, 'patch', index)
      const draft = get(id)
      const published = get(publishedId())
      if (!draft && !published)
        throw actionError(
          409,
          index,
          'documentNotFoundError',
          `Cannot edit "${publishedId()}": it has neither a draft nor a published version`,
        )
      return [...(draft ? [] : [{ create: copyAs(published as LakeDocument, id) }]), { patch: { ...patch, id } }]
    }
    case 'sanity.action.document.replaceDraft':
      return [{ createOrReplace: { ...objectField(action, 'attributes', index), _id: draftId() } }]
    case 'sanity.action.document.publish': {
      const id = draftId()
      const draft = get(id)
      if (!draft) throw actionError(409, index, 'documentNotFoundError', `Cannot publish: there is no draft "${id}"`)
      expectRevision(action, 'ifDraftRevisionId', draft, index)
      const published = get(publishedId())
      if (action.ifPublishedRevisionId !== undefined && published?._rev !== action.ifPublishedRevisionId) {
        throw actionError(
          409,
          index,
          'revisionMismatchError',
          `"${publishedId()}" was published by someone else in the meantime; publish again`,
        )
      }
      return [{ createOrReplace: copyAs(draft, publishedId()) }, { delete: { id } }]
    }
    case 'sanity.action.document.unpublish': {
      const id = draftId()
      const published = get(publishedId())
      if (!published) throw actionError(409, index, 'documentNotFoundError', `Cannot unpublish "${publishedId()}": it is not published`)
      return [...(get(id) ? [] : [{ create: copyAs(published, id) }]), { delete: { id: publishedId() } }]
    }
    case 'sanity.action.document.discard':
    case 'sanity.action.document.version.discard': {
      const id = action.versionId !== undefined ? idField(action, 'versionId', index) : draftId()
      if (!isDraftId(id)) throw actionError(400, index, 'invalidAction', `Only drafts can be discarded on the embedded lake, not "${id}"`)
      if (!get(id)) throw actionError(409, index, 'documentNotFoundError', `Cannot discard "${id}": there is no such draft`)
      return [{ delete: { id } }]
    }
    case 'sanity.action.document.delete': {
      const drafts = action.includeDrafts ?? []
      if (!Array.isArray(drafts) || !drafts.every((id) => typeof id === 'string')) {
        throw actionError(400, index, 'invalidAction', '"includeDrafts" must be an array of draft ids')
      }
      return [publishedId(), ...drafts].filter((id) => get(id)).map((id) => ({ delete: { id } }))
    }
    default:
      throw actionError(
        400,
        index,
        'invalidAction',
        `The embedded lake does not support the action "${String(type)}" (releases and variants are hosted features)`,
      )
  }
}

/** A document's content under another id; the lake sets the system fields when it commits. */
function copyAs(doc: LakeDocument, id: string): Record<string, unknown> {
  const { _rev, _updatedAt, ...content } = doc
  return { ...content, _id: id }
}

function track(mutation: Record<string, unknown>, overlay: Map<string, LakeDocument | null>, get: Get, index: number) {
  const [[kind, body]] = Object.entries(mutation) as [[string, Record<string, unknown>]]
  const id = (body.id ?? body._id) as string
  if (kind === 'delete') overlay.set(id, null)
  else if (kind !== 'patch') overlay.set(id, body as LakeDocument)
  else {
    // An edit then a publish in one request publishes the edited draft, as on Sanity.
    const { ifRevisionID: _guard, ...operations } = body
    const doc = get(id)
    overlay.set(id, doc ? applyPatch(doc, operations, index) : ({ _id: id } as LakeDocument))
  }
}

function expectRevision(action: Record<string, unknown>, field: string, doc: LakeDocument, index: number) {
  if (action[field] !== undefined && doc._rev !== action[field]) {
    throw actionError(
      409,
      index,
      'revisionMismatchError',
      `"${doc._id}" changed in the meantime (revision ${doc._rev}, expected ${String(action[field])})`,
    )
  }
}

function idField(action: Record<string, unknown>, field: string, index: number): string {
  const value = action[field]
  if (typeof value !== 'string' || value === '') throw actionError(400, index, 'invalidAction', `"${field}" must be a document id`)
  return value
}

function objectField(action: Record<string, unknown>, field: string, index: number): Record<string, unknown> {
  const value = action[field]
  if (!isRecord(value)) throw actionError(400, index, 'invalidAction', `"${field}" must be an object`)
  return value
}

function actionError(status: number, index: number, type: string, description: string) {
  return lakeError(status, type, `Action ${index} failed: ${description}`)
}
