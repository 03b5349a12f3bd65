import type { TradeSeries } from '@/lib/content/sanity.types'
import { TRADE_FLOWS } from '@/lib/figures/tradeCodes'
import { type CitedValue, releasedAtOf } from './citedRows'
import { type ComtradeRow, type Country, type ImportProblem, type Place, placeName } from './comtradeRows'

/** What identifies a series, as UN Comtrade does: one reporter, partner, flow, commodity and frequency. */
type SeriesIdentity = Pick<ComtradeRow, 'reporter' | 'partner' | 'flowCode' | 'cmdCode' | 'freqCode' | 'currency'>

/** The rows of one series in a file, by period. */
export type IncomingSeries = SeriesIdentity & {
  id: string
  observations: Map<string, IncomingValue>
}

type IncomingValue = { primaryValue: number; line: number; place: Place; releasedAt?: string; cited?: CitedValue }

/** A series as stored, with the revision a write must match. */
export type StoredSeries = Pick<TradeSeries, '_id' | '_rev' | 'reporter' | 'partner' | 'flowCode' | 'currency' | 'observations'>

type StoredObservation = NonNullable<TradeSeries['observations']>[number]

export type ObservationChange =
  | { period: string; kind: 'created' | 'unchanged' | 'recited'; value: number }
  | { period: string; kind: 'revised'; value: number; previous: number }

export type SeriesPlan = { id: string; changes: ObservationChange[] } & (
  | { action: 'create'; document: NewSeriesDocument }
  | { action: 'update'; rev: string; observations: StoredObservation[] }
  | { action: 'unchanged' }
)

export type NewSeriesDocument = Omit<TradeSeries, '_rev' | '_createdAt' | '_updatedAt'>

/** The seed's id scheme: `tradeSeries.chn-prk-x-total-m` for China's monthly total exports to North Korea. */
export function seriesId(s: Pick<ComtradeRow, 'reporter' | 'partner' | 'flowCode' | 'cmdCode' | 'freqCode'>): string {
  return `tradeSeries.${[s.reporter.iso3, s.partner.iso3, s.flowCode, s.cmdCode, s.freqCode].join('-').toLowerCase()}`
}

/**
 * Groups rows into series. A series keeps one reporter, partner and currency, and a period appears
 * once: a row that breaks either is a problem, since the file cannot say which value is right.
 */
export function groupIntoSeries(file: string, rows: ComtradeRow[]): { series: IncomingSeries[]; problems: ImportProblem[] } {
  const byId = new Map<string, IncomingSeries & { firstPlace: Place }>()
  const problems: ImportProblem[] = []
  for (const row of rows) {
    const id = seriesId(row)
    const series = byId.get(id) ?? { ...row, id, firstPlace: row.place, observations: new Map() }
    byId.set(id, series)
    // Codes need no check here: a series id holds the ISO codes, and each has one Comtrade code.
    const differs = [{ field: 'currency', ours: series.currency, theirs: row.currency }].filter((d) => d.ours !== d.theirs)
    for (const d of differs)
      problems.push({
        file,
        ...row.place,
        field: d.field,
        message: `is ${d.theirs}, but ${placeName(series.firstPlace)} gives ${d.ours} for the same series (${id}); a series keeps one ${d.field}`,
      })
    const earlier = series.observations.get(row.period)
    if (earlier)
      problems.push({
        file,
        ...row.place,
        field: 'period',
        message: `${row.period} of ${id} is already given on ${placeName(earlier.place)}`,
      })
    else
      series.observations.set(row.period, {
        primaryValue: row.primaryValue,
        line: row.line,
        place: row.place,
        releasedAt: row.releasedAt,
        cited: row.cited,
      })
  }
  return { series: [...byId.values()].map(({ firstPlace: _, ...series }) => series), problems }
}

/**
 * Compares a file's series with what is stored. New periods are added as provisional; a changed
 * value becomes a revision: the stored value, with its status and release date, moves to the
 * observation's history and the new value is current with status "revised". Equal values are
 * left alone, so importing the same file twice changes nothing.
 */
export function planImport(
  file: string,
  incoming: IncomingSeries[],
  stored: Map<string, StoredSeries>,
  releasedAt: string | undefined,
  datedByImport: string,
): { plans: SeriesPlan[]; problems: ImportProblem[] } {
  const plans: SeriesPlan[] = []
  const problems: ImportProblem[] = []
  for (const series of incoming) {
    const existing = stored.get(series.id)
    if (!existing) {
      const unnamed = unnamedCountries(series)
      if (unnamed) {
        problems.push({ file, ...firstPlace(series), ...unnamed })
        continue
      }
      const changes = [...series.observations].map(([period, o]) => ({ period, kind: 'created' as const, value: o.primaryValue }))
      plans.push({ id: series.id, action: 'create', changes, document: newSeriesDocument(series, releasedAt ?? datedByImport) })
      continue
    }
    problems.push(...identityProblems(series, existing).map((p) => ({ file, ...firstPlace(series), ...p })))
    const observations = [...(existing.observations ?? [])]
    const changes: ObservationChange[] = []
    for (const [period, incoming] of series.observations) {
      const { primaryValue, place } = incoming
      const index = observations.findIndex((o) => o.period === period)
      const current = observations[index]
      const released = releaseOf(incoming) ?? releasedAt
      if (!current) {
        observations.push(observation(period, incoming, released ?? datedByImport))
        changes.push({ period, kind: 'created', value: primaryValue })
      } else if (current.primaryValue === primaryValue) {
        const recited = incoming.cited && !sameCitation(current, incoming.cited)
        if (recited) observations[index] = { ...current, ...citationOf(incoming.cited) }
        changes.push({ period, kind: recited ? 'recited' : 'unchanged', value: primaryValue })
      } else if (released === undefined) {
        problems.push({
          file,
          ...place,
          field: 'released-at',
          message: `${period} of ${series.id} would be revised from ${current.primaryValue} to ${primaryValue}: give its release date (--released-at, or a lastReleased column), so the revision is dated and an older file cannot overwrite a newer one`,
        })
      } else if (current.releasedAt && Date.parse(released) <= Date.parse(current.releasedAt)) {
        problems.push({
          file,
          ...place,
          field: incoming.cited ? 'reported_on' : 'period',
          message: `${period} of ${series.id} would be revised with a release date (${released}) no later than the stored one (${current.releasedAt}); ${incoming.cited ? 'cite the later report that gives the new value' : "give the revision's date (--released-at or lastReleased)"}`,
        })
      } else {
        observations[index] = revise(current, incoming, released)
        changes.push({ period, kind: 'revised', value: primaryValue, previous: current.primaryValue ?? Number.NaN })
      }
    }
    observations.sort((a, b) => (a.period ?? '').localeCompare(b.period ?? ''))
    const touched = changes.some((c) => c.kind !== 'unchanged')
    plans.push(
      touched
        ? { id: series.id, action: 'update', rev: existing._rev, observations, changes }
        : { id: series.id, action: 'unchanged', changes },
    )
  }
  return { plans, problems }
}

/** A value's own release date: its report's for a cited value, or the file's `lastReleased`. */
export const releaseOf = (value: IncomingValue) => (value.cited ? releasedAtOf(value.cited.reportedOn) : value.releasedAt)

/** Where a series first appears in the file. */
export function firstPlace(series: IncomingSeries): Place {
  let first: IncomingValue | undefined
  for (const o of series.observations.values()) if (!first || o.line < first.line) first = o
  return first?.place ?? { line: 0 }
}

function identityProblems(series: IncomingSeries, stored: StoredSeries): Pick<ImportProblem, 'field' | 'message'>[] {
  const checks = [
    { field: 'reporterCode', ours: stored.reporter?.m49, theirs: series.reporter.m49 },
    { field: 'partnerCode', ours: stored.partner?.m49, theirs: series.partner.m49 },
    { field: 'flowCode', ours: stored.flowCode, theirs: series.flowCode },
    { field: 'currency', ours: stored.currency ?? 'USD', theirs: series.currency },
  ]
  return checks
    .filter((c) => c.ours !== undefined && c.ours !== c.theirs)
    .map((c) => ({
      field: c.field,
      message: `is ${c.theirs}, but the stored series ${series.id} has ${c.ours}; a series keeps one ${c.field}`,
    }))
}

function observation(period: string, incoming: IncomingValue, releasedAt: string): StoredObservation {
  return {
    _type: 'tradeObservation',
    _key: period,
    period,
    primaryValue: incoming.primaryValue,
    status: 'provisional',
    releasedAt,
    ...citationOf(incoming.cited),
  }
}

/** The stored fields of a citation; nothing for a value from an agency release. */
function citationOf(cited: CitedValue | undefined): Pick<StoredObservation, 'approximate' | 'citation'> {
  if (!cited) return {}
  const { approximate, note, ...report } = cited
  return { approximate, citation: { ...report, ...(note ? { note } : {}) } }
}

function sameCitation(stored: StoredObservation, cited: CitedValue): boolean {
  const c = stored.citation
  return (
    Boolean(stored.approximate) === cited.approximate &&
    c?.reportedBy === cited.reportedBy &&
    c?.reportedOn === cited.reportedOn &&
    c?.url === cited.url &&
    (c?.note ?? undefined) === cited.note
  )
}

function revise(current: StoredObservation, incoming: IncomingValue, releasedAt: string): StoredObservation {
  // The earlier value keeps the citation it was published with.
  const { _type, _key, period, history, ...published } = current
  const earlier = {
    ...published,
    _type: 'observationRelease' as const,
    _key: `release-${(current.releasedAt ?? 'unknown').replace(/[^0-9A-Za-z]/g, '')}`,
  }
  const { approximate: _a, citation: _c, ...uncited } = current
  return {
    ...uncited,
    primaryValue: incoming.primaryValue,
    status: 'revised',
    releasedAt,
    history: [...(history ?? []), earlier],
    ...citationOf(incoming.cited),
  }
}

/** A new series is named from the file; a cited table may leave the names out when its series already exist. */
function unnamedCountries(series: IncomingSeries): Pick<ImportProblem, 'field' | 'message'> | undefined {
  const field = !series.reporter.name ? 'reporter_name' : !series.partner.name ? 'partner_name' : undefined
  return field
    ? {
        field,
        message: `is needed to create the new series ${series.id}: add reporter_name and partner_name columns, or create the series first`,
      }
    : undefined
}

/** A new series, worded from the reporter's side; editors can reword it for the prose. */
function newSeriesDocument(series: IncomingSeries, releasedAt: string): NewSeriesDocument {
  const title = [
    `${series.reporter.name}: ${TRADE_FLOWS[series.flowCode].toward} ${series.partner.name}`,
    series.cmdCode === 'TOTAL' ? '' : `, commodity ${series.cmdCode}`,
    series.freqCode === 'A' ? ', annual' : '',
  ].join('')
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return {
    _id: series.id,
    _type: 'tradeSeries',
    title,
    slug: { _type: 'slug', current: slug },
    reporter: country(series.reporter),
    partner: country(series.partner),
    flowCode: series.flowCode,
    cmdCode: series.cmdCode,
    freqCode: series.freqCode,
    currency: series.currency,
    source: {
      agency: 'United Nations Statistics Division',
      dataset: 'UN Comtrade',
      url: 'https://comtradeplus.un.org/',
      wording: 'UN Comtrade data',
    },
    observations: [...series.observations]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([period, o]) => observation(period, o, releaseOf(o) ?? releasedAt)),
  }
}

const country = (c: Country) => ({ _type: 'country' as const, ...c })
