import type { SanityClient } from '@sanity/client'
import { isCitedTable, parseCitedTable } from './citedRows'
import { type ImportProblem, parseComtradeFile } from './comtradeRows'
import { groupIntoSeries, type ObservationChange, planImport, type SeriesPlan, type StoredSeries } from './seriesPlan'

export type ImportOptions = {
  client: SanityClient
  /** When this release of the figures was published (ISO 8601); a cited table dates each value by its report instead. */
  releasedAt: string
  dryRun?: boolean
  /** Called after each written batch with the series written so far and the total to write. */
  onProgress?: (written: number, total: number) => void
}

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
}

/** Series per transaction: each is atomic; a small batch keeps a request well under API limits. */
const BATCH_SIZE = 50

/**
 * Imports a UN Comtrade file, or a cited table (citedRows.ts), into trade series through @sanity/client, so it runs against the
 * embedded lake and a hosted project alike. The whole file is checked before anything is written;
 * each write names the revision it was planned against (`ifRevisionID`), so an edit made in the
 * meantime makes the write fail instead of being overwritten.
 */
export async function importTradeFile(file: string, text: string, options: ImportOptions): Promise<ImportResult> {
  if (Number.isNaN(Date.parse(options.releasedAt)))
    return rejected([{ file, field: 'released-at', message: `"${options.releasedAt}" is not a date and time` }])
  const releasedAt = new Date(options.releasedAt).toISOString()
  const parsed = isCitedTable(text) ? parseCitedTable(file, text) : parseComtradeFile(file, text)
  if (parsed.problems.length > 0) return rejected(parsed.problems)
  const grouped = groupIntoSeries(file, parsed.rows)
  if (grouped.problems.length > 0) return rejected(grouped.problems)

  const ids = grouped.series.map((s) => s.id)
  // The series and their drafts in one request: one round trip whatever the file's size.
  const found = (await options.client.getDocuments<StoredSeries>([...ids, ...ids.map((id) => `drafts.${id}`)])).filter((d) => d !== null)
  const stored = found.filter((d) => !d._id.startsWith('drafts.'))
  const { plans, problems } = planImport(file, grouped.series, new Map(stored.map((d) => [d._id, d])), releasedAt)
  const result: ImportResult = {
    plans,
    problems,
    summary: summarise(plans),
    written: false,
    seriesWithDrafts: found.filter((d) => d._id.startsWith('drafts.')).map((d) => d._id.replace(/^drafts\./, '')),
  }
  if (problems.length > 0 || options.dryRun) return result

  const toWrite = plans.filter((p) => p.action !== 'unchanged')
  for (let start = 0; start < toWrite.length; start += BATCH_SIZE) {
    const transaction = options.client.transaction()
    for (const plan of toWrite.slice(start, start + BATCH_SIZE)) {
      if (plan.action === 'create') transaction.create(plan.document)
      else if (plan.action === 'update')
        transaction.patch(plan.id, (p) => p.ifRevisionId(plan.rev).set({ observations: plan.observations }))
    }
    await transaction.commit({ visibility: 'sync' })
    options.onProgress?.(Math.min(start + BATCH_SIZE, toWrite.length), toWrite.length)
  }
  return { ...result, written: toWrite.length > 0 }
}

function rejected(problems: ImportProblem[]): ImportResult {
  return { plans: [], problems, summary: summarise([]), written: false, seriesWithDrafts: [] }
}

function summarise(plans: SeriesPlan[]): ImportSummary {
  const summary: ImportSummary = {
    series: { create: 0, update: 0, unchanged: 0 },
    observations: { created: 0, revised: 0, recited: 0, unchanged: 0 },
  }
  for (const plan of plans) {
    summary.series[plan.action]++
    for (const change of plan.changes) summary.observations[change.kind]++
  }
  return summary
}
