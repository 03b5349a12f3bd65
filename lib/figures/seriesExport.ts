import Papa from 'papaparse'
import type { SERIES_QUERY_RESULT } from '@/lib/content/sanity.types'

type Series = NonNullable<SERIES_QUERY_RESULT>

/**
 * One row per released value: the current one and every earlier one, so a download keeps the
 * revision history, each with the report it was cited from (empty for an agency's release).
 */
export function seriesRows(series: Series) {
  return (series.observations ?? []).flatMap((o) =>
    [...(o.history ?? []), o].map((release, i, all) => ({
      reporterCode: series.reporter?.m49 ?? null,
      reporterISO: series.reporter?.iso3 ?? null,
      partnerCode: series.partner?.m49 ?? null,
      partnerISO: series.partner?.iso3 ?? null,
      flowCode: series.flowCode,
      cmdCode: series.cmdCode,
      freqCode: series.freqCode,
      currency: series.currency,
      period: o.period ?? null,
      primaryValue: release.primaryValue ?? null,
      status: release.status ?? null,
      releasedAt: release.releasedAt ?? null,
      approximate: release.approximate ?? null,
      reportedBy: release.citation?.reportedBy ?? null,
      reportedOn: release.citation?.reportedOn ?? null,
      sourceUrl: release.citation?.url ?? null,
      note: release.citation?.note ?? null,
      current: i === all.length - 1,
    })),
  )
}

/**
 * Text cells a spreadsheet would run as a formula (OWASP's CSV injection list, with the full-width
 * forms some spreadsheets also read). Papaparse's own pattern lets a cell with a line break through.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * CSV with Comtrade's column names (papaparse quotes and escapes). A text cell that starts like a
 * formula gets a leading apostrophe, as OWASP advises; numbers, negative ones included, are left as numbers.
 */
export function seriesCsv(series: Series): string {
  return Papa.unparse(seriesRows(series), { escapeFormulae: FORMULA_START })
}

/** The series as JSON: its identity, source and every release of every observation. */
export function seriesJson(series: Series) {
  const { citedBy: _citedBy, observations: _observations, ...identity } = series
  return { ...identity, releases: seriesRows(series) }
}
