import type { SanityClient } from '@sanity/client'
import { isCitedTable, parseCitedTable } from './citedRows'
import { type ImportProblem, type LeftOutCounts, parseComtradeFile, withJsonPositions } from './comtradeRows'
import { Invalid, releaseDate } from './fieldReaders'
import { describeProblem } from './report'
import {
  firstPlace,
  groupIntoSeries,
  type IncomingSeries,
  type ObservationChange,
  planImport,
  releaseOf,
  type SeriesPlan,
  type StoredSeries,
} from './seriesPlan'

export type ImportOptions = {
  client: SanityClient
  /**
   * When this release of the figures was published (ISO 8601). Needed to revise stored values;
   * without it new values are dated by the import. A cited table dates each value by its report.
   */
  releasedAt?: string
  dryRun?: boolean
  /** Called before the first write and after each committed transaction with what is written so far. */
  onProgress?: (progress: ImportProgress) => void
}

/** Counts of what has been committed, and of what the import will write in all. */
export type ImportProgress = { series: number; totalSeries: number; values: number; totalValues: number }

export type ImportSummary = {
  series: Record<SeriesPlan['action'], number>
  observations: Record<ObservationChange['kind'], number>
}

export type ImportResult = {
  plans: SeriesPlan[]
  /** Non-empty means the file was rejected and nothing was written. */
  problems: ImportProblem[]
  summary: ImportSummary
  written: boolean
  /** Series with an unpublished draft: publishing that draft as it is would drop the imported values. */
  seriesWithDrafts: string[]
  /** The date given to new values when neither the file nor the caller gave one. */
  datedByImport?: string
  /** Rows of a Comtrade file left out, by why (comtradeRows.ts LEFT_OUT). */
  leftOut?: LeftOutCounts
}

/** Series ids per lookup: the ids travel in a POSTed query, far below the lake's and Sanity's size limits. */
const LOOKUP_BATCH = 500

/**
 * A transaction's bounds. Each is atomic, so a commit writes whole series. Sanity's hosted API
 * refuses a request body over 4,000,000 bytes and the embedded lake one over 10 MB; a megabyte
 * keeps a transaction far from both while still writing about a hundred monthly series at once.
 */
const TRANSACTION_BYTES = 1_000_000
const TRANSACTION_SERIES = 100
/** Sanity's hosted API takes at most 25 mutation requests a second from one address. */
const MIN_COMMIT_INTERVAL_MS = 1000 / 25

/** Waits, when needed, so that calls start at least `intervalMs` apart. */
function pacer(intervalMs: number): () => Promise<void> {
  let last = Number.NEGATIVE_INFINITY
  return async () => {
    const wait = last + intervalMs - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    last = performance.now()
  }
}

/**
 * Imports a UN Comtrade file, or a cited table (citedRows.ts), into trade series through @sanity/client, so it runs against the
 * embedded lake and a hosted project alike. The whole file is checked before anything is written;
 * each write names the revision it was planned against (`ifRevisionID`), so an edit made in the
 * meantime makes the write fail instead of being overwritten. An interrupted import is finished by
 * running it again: series already written compare as unchanged.
 */
export async function importTradeFile(file: string, text: string, options: ImportOptions): Promise<ImportResult> {
  const releasedAt = options.releasedAt === undefined ? undefined : releaseDate(options.releasedAt)
  if (releasedAt instanceof Invalid) return rejected([{ file, field: 'released-at', message: releasedAt.message }])
  const json = !isCitedTable(text) && /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''))
  const located = (problems: ImportProblem[]) =>
    rejected(json ? withJsonPositions(text.replace(/^\uFEFF/, '').trimStart(), problems) : problems)
  const grouped = readSeries(file, text)
  if (grouped.problems.length > 0) return located(grouped.problems)

  const datedByImport = new Date().toISOString()
  const plan = async (chunk: IncomingSeries[]) => {
    const found = await storedSeries(
      options.client,
      chunk.map((s) => s.id),
    )
    const stored = new Map(found.filter((d) => !d._id.startsWith('drafts.')).map((d) => [d._id, d]))
    return { found, ...planImport(file, chunk, stored, releasedAt, datedByImport) }
  }

  // First pass: every series checked against what is stored, and counted; nothing is written
  // unless all of them can be. Plans are kept only for a dry run's diff, so memory stays bounded.
  const summary = summarise([])
  const problems: ImportProblem[] = []
  const slugs = new Map<string, string>()
  const seriesWithDrafts: string[] = []
  const kept: SeriesPlan[] = []
  const changing: IncomingSeries[][] = []
  for (const chunk of chunks(grouped.series)) {
    const planned = await plan(chunk)
    if (planned.plans.some((p) => p.action !== 'unchanged')) changing.push(chunk)
    problems.push(...planned.problems, ...(await slugProblems(options.client, file, planned.plans, chunk, slugs)))
    summarise(planned.plans, summary)
    seriesWithDrafts.push(...planned.found.filter((d) => d._id.startsWith('drafts.')).map((d) => d._id.replace(/^drafts\./, '')))
    if (options.dryRun) kept.push(...planned.plans)
  }
  if (problems.length > 0) return located(problems)
  const result: ImportResult = {
    plans: kept,
    problems,
    summary,
    written: false,
    seriesWithDrafts,
    ...(grouped.leftOut && Object.keys(grouped.leftOut).length > 0 ? { leftOut: grouped.leftOut } : {}),
    ...(releasedAt === undefined && summary.observations.created > 0 && grouped.series.some(hasUndatedValues) ? { datedByImport } : {}),
  }
  if (options.dryRun) return result

  // Second pass: each chunk with changes planned again against what is stored now, and written.
  const { observations: o, series: s } = summary
  const progress: ImportProgress = {
    series: 0,
    totalSeries: s.create + s.update,
    values: 0,
    totalValues: o.created + o.revised + o.recited,
  }
  options.onProgress?.({ ...progress })
  const pace = pacer(MIN_COMMIT_INTERVAL_MS)
  for (const chunk of changing) {
    const planned = await plan(chunk)
    const [changed] = planned.problems
    if (changed) throw new Error(`a series changed while importing (${describeProblem(changed)})`)
    for (const batch of transactions(planned.plans.filter((p) => p.action !== 'unchanged'))) {
      const transaction = options.client.transaction()
      for (const plan of batch) {
        if (plan.action === 'create') transaction.create(plan.document)
        else if (plan.action === 'update')
          transaction.patch(plan.id, (p) => p.ifRevisionId(plan.rev).set({ observations: plan.observations }))
      }
      await pace()
      await transaction.commit({ visibility: 'sync', returnDocuments: false })
      progress.series += batch.length
      progress.values += batch.reduce((n, p) => n + p.changes.filter((c) => c.kind !== 'unchanged').length, 0)
      options.onProgress?.({ ...progress })
    }
  }
  return { ...result, written: progress.series > 0 }
}

const hasUndatedValues = (series: IncomingSeries) => [...series.observations.values()].some((value) => !releaseOf(value))

/** Series planned at once: bounds the stored documents and plans held in memory. */
const PLAN_CHUNK = 500

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += PLAN_CHUNK) yield items.slice(start, start + PLAN_CHUNK)
}

/** The file's series; its rows are dropped once grouped, so only the series stay in memory. */
function readSeries(file: string, text: string): { series: IncomingSeries[]; problems: ImportProblem[]; leftOut?: LeftOutCounts } {
  const parsed = isCitedTable(text) ? parseCitedTable(file, text) : parseComtradeFile(file, text)
  if (parsed.problems.length > 0) return { series: [], problems: parsed.problems }
  return { ...groupIntoSeries(file, parsed.rows), leftOut: 'leftOut' in parsed ? parsed.leftOut : undefined }
}

/** The stored series and their drafts, looked up in batches of POSTed queries whatever the file's size. */
async function storedSeries(client: SanityClient, ids: string[]): Promise<StoredSeries[]> {
  const found: StoredSeries[] = []
  for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
    const batch = ids.slice(start, start + LOOKUP_BATCH)
    found.push(
      ...(await client.fetch<StoredSeries[]>(
        '*[_id in $ids]{_id, _rev, reporter, partner, flowCode, currency, observations}',
        { ids: [...batch, ...batch.map((id) => `drafts.${id}`)] },
        { perspective: 'raw' },
      )),
    )
  }
  return found
}

/**
 * A new series whose slug another series has, stored or earlier in the file, would take that
 * series' data page. `taken` carries the slugs seen so far (slug to series id) from chunk to chunk.
 */
async function slugProblems(
  client: SanityClient,
  file: string,
  plans: SeriesPlan[],
  incoming: IncomingSeries[],
  taken: Map<string, string>,
): Promise<ImportProblem[]> {
  const created = plans.flatMap((p) => (p.action === 'create' ? [{ id: p.id, slug: p.document.slug?.current ?? '' }] : []))
  if (created.length === 0) return []
  for (let start = 0; start < created.length; start += LOOKUP_BATCH) {
    const slugs = created.slice(start, start + LOOKUP_BATCH).map((c) => c.slug)
    const owners = await client.fetch<{ _id: string; slug: string }[]>(
      '*[_type == "tradeSeries" && slug.current in $slugs]{_id, "slug": slug.current}',
      { slugs },
      { perspective: 'raw' },
    )
    for (const owner of owners) taken.set(owner.slug, owner._id.replace(/^drafts\./, ''))
  }
  const placeOf = new Map(incoming.map((s) => [s.id, firstPlace(s)]))
  const problems: ImportProblem[] = []
  for (const { id, slug } of created) {
    const owner = taken.get(slug)
    if (owner && owner !== id)
      problems.push({
        file,
        ...placeOf.get(id),
        field: 'slug',
        message: `the new series ${id} would be at /data/${slug}, which ${owner} already has; rename one of them in the Studio first`,
      })
    else taken.set(slug, id)
  }
  return problems
}

/** Plans grouped into transactions within the series and byte bounds. */
function* transactions(plans: SeriesPlan[]): Generator<SeriesPlan[]> {
  let batch: SeriesPlan[] = []
  let bytes = 0
  for (const plan of plans) {
    const size = JSON.stringify(plan.action === 'create' ? plan.document : plan.action === 'update' ? plan.observations : '').length
    if (batch.length > 0 && (batch.length === TRANSACTION_SERIES || bytes + size > TRANSACTION_BYTES)) {
      yield batch
      batch = []
      bytes = 0
    }
    batch.push(plan)
    bytes += size
  }
  if (batch.length > 0) yield batch
}

function rejected(problems: ImportProblem[]): ImportResult {
  return { plans: [], problems, summary: summarise([]), written: false, seriesWithDrafts: [] }
}

function summarise(
  plans: SeriesPlan[],
  summary: ImportSummary = {
    series: { create: 0, update: 0, unchanged: 0 },
    observations: { created: 0, revised: 0, recited: 0, unchanged: 0 },
  },
): ImportSummary {
  for (const plan of plans) {
    summary.series[plan.action]++
    for (const change of plan.changes) summary.observations[change.kind]++
  }
  return summary
}
