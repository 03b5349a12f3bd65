import { randomBytes } from 'node:crypto'
import { type Mut, Mutation as PatchApplier } from '@sanity/mutator'
import type { QueryContext } from '../core/context'
import { type LakeError, lakeError, mutationError } from '../core/errors'
import { isRecord } from '../core/json'
import { compileQuery } from '../query/compile'
import { evaluateQuery } from '../query/evaluate'
import { DEFAULT_QUERY_LIMITS, Deadline } from '../query/limits'
import type { DocumentSource } from '../query/source'
import { keepReleases } from '../storage/keepReleases'
import type { DocumentStore, LakeDocument } from '../storage/store'

export type MutationResult = { id: string; operation: 'create' | 'update' | 'delete'; document?: LakeDocument }

/** What one committed transaction did to one document, as listeners are told. */
export type DocumentChange = {
  id: string
  before: LakeDocument | null
  after: LakeDocument | null
  /** The mutations that touched the document, with generated ids and query selections resolved. */
  mutations: Record<string, unknown>[]
}

/** Mutations worked out from the documents as they stand (`get` returns one by id). */
export type MutationsOf = (get: (id: string) => LakeDocument | undefined) => unknown

export type CommittedTransaction = { transactionId: string; timestamp: string; changes: DocumentChange[] }
export type TransactionOutcome = CommittedTransaction & { results: MutationResult[] }

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** A random id in the style of Sanity's (22 alphanumerics). */
export function randomId(length = 22): string {
  return [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')
}

const MAX_ID_LENGTH = 128
const VALID_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/
const PATCH_OPERATIONS = new Set(['set', 'setIfMissing', 'unset', 'inc', 'dec', 'insert', 'diffMatchPatch'])
const PATCH_SELECTORS = new Set(['id', 'query', 'params', 'ifRevisionID'])

/**
 * Runs transactions one at a time: each is planned against the current documents plus its own
 * earlier mutations, and either commits whole (durably, then listeners hear of it) or not at all.
 */
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve()
  private readonly listeners = new Set<(transaction: CommittedTransaction) => void>()

  /** `used(id)`: whether a transaction id was committed before (a revision two document states must not share). */
  constructor(
    private readonly store: DocumentStore,
    private readonly context: QueryContext,
    private readonly used: (transactionId: string) => boolean,
    private readonly rules: { keepReleases: boolean } = { keepReleases: true },
  ) {}

  onCommit(listener: (transaction: CommittedTransaction) => void): void {
    this.listeners.add(listener)
  }

  /**
   * Runs a transaction after those queued before it. `mutations` may be a function of the
   * documents as they stand when the transaction's turn comes, for operations (document actions)
   * whose mutations depend on what exists: they see no other transaction half way.
   */
  run(mutations: unknown | MutationsOf, options: { transactionId?: string; dryRun?: boolean } = {}): Promise<TransactionOutcome> {
    const outcome = this.tail.then(() => this.execute(mutations, options))
    this.tail = outcome.catch(() => undefined)
    return outcome
  }

  /** Resolves once every transaction queued so far has finished. */
  async idle(): Promise<void> {
    await this.tail
  }

  private async execute(planned: unknown | MutationsOf, options: { transactionId?: string; dryRun?: boolean }) {
    const mutations = typeof planned === 'function' ? (planned as MutationsOf)((id) => this.store.get(id)) : planned
    // Actions can come to nothing (creating a draft that exists, with ifExists "ignore").
    if (typeof planned === 'function' && Array.isArray(mutations) && mutations.length === 0) {
      return { transactionId: options.transactionId ?? randomId(), timestamp: new Date().toISOString(), changes: [], results: [] }
    }
    if (!Array.isArray(mutations) || mutations.length === 0) {
      throw lakeError(400, 'invalidMutation', 'Expected "mutations" to be a non-empty array')
    }
    const transactionId = options.transactionId ?? randomId()
    if (!isValidId(transactionId)) throw lakeError(400, 'invalidTransactionId', `Malformed transaction ID "${transactionId}"`)
    if (options.transactionId !== undefined && this.used(transactionId)) {
      throw lakeError(409, 'conflict', `Transaction ID "${transactionId}" has already been used: give each transaction a new ID, or none`)
    }
    const timestamp = new Date().toISOString()
    const plan = new TransactionPlan(this.store, this.context, timestamp)
    for (const [index, mutation] of mutations.entries()) await plan.add(mutation, index)

    const changes: DocumentChange[] = []
    const results: MutationResult[] = []
    for (const id of plan.touched) {
      const before = this.store.get(id) ?? null
      const staged = plan.staged(id)
      const after = staged === undefined ? before : staged && this.written(before, staged, transactionId, timestamp)
      if (!before && !after) continue
      const operation = !before ? 'create' : !after ? 'delete' : 'update'
      results.push({ id, operation, ...(after ? { document: after } : {}) })
      if (staged !== undefined) changes.push({ id, before, after, mutations: plan.mutationsOf(id) })
    }
    const transaction = { transactionId, timestamp, changes }
    if (!options.dryRun && changes.length > 0) {
      this.store.commit({ transactionId, timestamp, changes: changes.map(({ id, after }) => ({ id, document: after })) })
      for (const listener of this.listeners) listener(transaction)
    }
    return { ...transaction, results }
  }

  /** A document as this transaction writes it: its new revision, and the lake's own rules applied. */
  private written(before: LakeDocument | null, staged: LakeDocument, transactionId: string, timestamp: string): LakeDocument {
    const doc = { ...staged, _rev: transactionId, _updatedAt: timestamp }
    return this.rules.keepReleases ? keepReleases(before, doc, timestamp) : doc
  }
}

/** The documents as a transaction in progress sees them: the store overlaid with its own changes. */
class TransactionPlan {
  private readonly changed = new Map<string, LakeDocument | null>()
  private readonly applied = new Map<string, Record<string, unknown>[]>()
  /** Documents in the order the transaction first touched them. */
  readonly touched = new Set<string>()

  constructor(
    private readonly store: DocumentStore,
    private readonly context: QueryContext,
    private readonly timestamp: string,
  ) {}

  get(id: string): LakeDocument | undefined {
    return this.changed.has(id) ? (this.changed.get(id) ?? undefined) : this.store.get(id)
  }

  /** The planned state: a document, `null` for deleted, `undefined` if only looked at. */
  staged(id: string): LakeDocument | null | undefined {
    return this.changed.get(id)
  }

  mutationsOf(id: string): Record<string, unknown>[] {
    return this.applied.get(id) ?? []
  }

  async add(mutation: unknown, index: number): Promise<void> {
    const entries = isRecord(mutation) ? Object.entries(mutation) : []
    const [kind, body] = entries.length === 1 ? (entries[0] as [string, unknown]) : ['', undefined]
    switch (kind) {
      case 'create':
        return this.create(body, index)
      case 'createOrReplace':
        return this.createOrReplace(body, index)
      case 'createIfNotExists':
        return this.createIfNotExists(body, index)
      case 'delete':
        return this.delete(body, index)
      case 'patch':
        return this.patch(body, index)
      default:
        throw mutationError(400, {
          index,
          type: 'invalidMutation',
          description: `Mutation ${index} must have exactly one of create, createOrReplace, createIfNotExists, delete or patch; got ${entries.map(([key]) => key).join(', ') || 'none'}`,
        })
    }
  }

  private create(body: unknown, index: number) {
    const doc = documentOf(body, index, { idRequired: false })
    if (this.get(doc._id)) throw alreadyExists(doc._id, index)
    this.put(doc._id, { ...doc, _createdAt: stringOr(doc._createdAt, this.timestamp) }, { create: doc })
  }

  private createOrReplace(body: unknown, index: number) {
    const doc = documentOf(body, index, { idRequired: true })
    const createdAt = stringOr(doc._createdAt, this.get(doc._id)?._createdAt ?? this.timestamp)
    this.put(doc._id, { ...doc, _createdAt: createdAt }, { createOrReplace: doc })
  }

  private createIfNotExists(body: unknown, index: number) {
    const doc = documentOf(body, index, { idRequired: true })
    if (this.get(doc._id)) this.touched.add(doc._id)
    else this.put(doc._id, { ...doc, _createdAt: stringOr(doc._createdAt, this.timestamp) }, { createIfNotExists: doc })
  }

  private async delete(body: unknown, index: number) {
    for (const id of await this.select(body, index)) {
      if (this.get(id)) this.put(id, null, { delete: { id } })
    }
  }

  private async patch(body: unknown, index: number) {
    if (!isRecord(body)) throw invalid(index, 'A patch must be an object')
    const unknownKeys = Object.keys(body).filter((key) => !PATCH_OPERATIONS.has(key) && !PATCH_SELECTORS.has(key))
    if (unknownKeys.length > 0) throw invalid(index, `Unknown patch operation "${unknownKeys[0]}"`)
    const operations = Object.fromEntries(Object.entries(body).filter(([key]) => PATCH_OPERATIONS.has(key)))
    const { ifRevisionID } = body
    for (const id of await this.select(body, index)) {
      const doc = this.get(id)
      if (!doc) throw mutationError(409, { index, id, type: 'documentNotFoundError', description: `Document by ID "${id}" not found` })
      if (typeof ifRevisionID === 'string' && doc._rev !== ifRevisionID) {
        throw mutationError(409, {
          index,
          id,
          type: 'revisionMismatchError',
          description: `Document by ID "${id}" has unexpected revision ID ("${doc._rev}"), expected "${ifRevisionID}"`,
        })
      }
      const patch = { ...operations, id }
      const patched = applyPatch(doc, patch, index)
      if (patched._id !== id) throw invalid(index, `Cannot change the _id of document "${id}"`, id)
      if (typeof patched._type !== 'string' || patched._type === '') {
        throw invalid(index, `Document "${id}" must keep a _type`, id)
      }
      this.put(id, patched, { patch })
    }
  }

  /** The ids a delete or patch names: its `id`, or the documents its `query` returns. */
  private async select(body: unknown, index: number): Promise<string[]> {
    if (!isRecord(body)) throw invalid(index, 'Expected an object with "id" or "query"')
    if (typeof body.id === 'string') {
      if (!isValidId(body.id)) throw invalid(index, `Malformed document ID "${body.id}"`)
      return [body.id]
    }
    if (typeof body.query !== 'string') throw invalid(index, 'Expected "id" or "query" to select documents')
    const params = isRecord(body.params) ? body.params : {}
    const deadline = new Deadline(DEFAULT_QUERY_LIMITS.timeoutMs)
    const result = await evaluateQuery(compileQuery(body.query, params), this.source(), this.context, deadline)
    const docs = Array.isArray(result) ? result : [result]
    return docs.flatMap((doc) => (isRecord(doc) && typeof doc._id === 'string' ? [doc._id] : []))
  }

  private source(): DocumentSource {
    return {
      get: (id) => this.get(id),
      indexes: { byId: (id) => this.get(id) },
      all: () => {
        const unchanged = [...this.store.documents()].filter((doc) => !this.changed.has(doc._id))
        const changed = [...this.changed.values()].filter((doc): doc is LakeDocument => doc !== null)
        return [...unchanged, ...changed]
      },
    }
  }

  private put(id: string, doc: LakeDocument | null, mutation: Record<string, unknown>) {
    this.touched.add(id)
    this.changed.set(id, doc)
    this.applied.set(id, [...this.mutationsOf(id), mutation])
  }
}

export function applyPatch(doc: LakeDocument, patch: Record<string, unknown>, index: number): LakeDocument {
  try {
    // The patch was validated above only as far as its keys; the applier checks the rest.
    const mutation = { patch } as unknown as Mut
    return new PatchApplier({ mutations: [mutation] }).apply(doc) as LakeDocument
  } catch (err) {
    throw invalid(index, `Patch on "${doc._id}" failed: ${(err as Error).message}`, doc._id)
  }
}

/** Validates a document of a create mutation, generating its id where Sanity would. */
function documentOf(body: unknown, index: number, { idRequired }: { idRequired: boolean }): LakeDocument {
  if (!isRecord(body)) throw invalid(index, 'Expected a document object')
  const given = body._id
  if (given !== undefined && typeof given !== 'string') throw invalid(index, 'Document _id must be a string')
  if (idRequired && (given === undefined || given === '')) throw invalid(index, 'Document is missing an _id')
  // An id ending with "." (as in "drafts.") is a prefix for a generated id.
  const id = !given ? randomId() : given.endsWith('.') ? given + randomId() : given
  if (!isValidId(id)) throw invalid(index, `Malformed document ID "${id}"`, id)
  if (typeof body._type !== 'string' || body._type === '') throw invalid(index, `Document "${id}" is missing a _type`, id)
  return { ...body, _id: id, _type: body._type }
}

function isValidId(id: string): boolean {
  return id.length <= MAX_ID_LENGTH && VALID_ID.test(id) && !id.includes('..') && !id.endsWith('.')
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback
}

function invalid(index: number, description: string, id?: string): LakeError {
  return mutationError(400, { index, id, type: 'invalidMutation', description })
}

function alreadyExists(id: string, index: number): LakeError {
  return mutationError(409, { index, id, type: 'documentAlreadyExistsError', description: `Document by ID "${id}" already exists` })
}
