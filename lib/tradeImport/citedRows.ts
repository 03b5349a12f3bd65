import { nextPeriod } from '@/lib/figures/compare'
import { isPeriod } from '@/lib/figures/period'
import { safeHref } from '@/lib/site/safeHref'
import { countryProblems } from './comtradeAreas'
import type { ComtradeRow, ImportProblem, ParsedRows } from './comtradeRows'
import { readCsvRecords } from './csvRecords'
import {
  commodityCode,
  dollarAmount,
  type FieldProblem,
  fieldCollector,
  Invalid,
  iso3Code,
  m49Code,
  nonEmptyText,
  type Reader,
  shown,
  tradeFlow,
} from './fieldReaders'

/** Where a value was published: the report quoting it, and whether it was given as approximate. */
export type CitedValue = {
  reportedBy: string
  /** As the report is dated: YYYY-MM-DD, or YYYY-MM where only the month is known. */
  reportedOn: string
  url: string
  approximate: boolean
  note?: string
}

/**
 * A cited table: one value a line, each with the report it was published in. Column names are
 * UN Comtrade's in snake case, plus the citation. Months nobody reported are left out: a missing
 * month is missing, never zero.
 */
export const CITED_COLUMNS = {
  required: [
    'period',
    'reporter_code',
    'reporter_iso',
    'partner_code',
    'partner_iso',
    'flow_code',
    'value_usd',
    'approximate',
    'reported_by',
    'reported_on',
    'source_url',
  ],
  optional: ['note', 'reporter_name', 'partner_name', 'cmd_code'],
} as const

/** A CSV is read as a cited table when its header names the report each value comes from. */
export function isCitedTable(text: string): boolean {
  // Only the file's start is looked at: a minified JSON file is one line of many megabytes.
  const header =
    text
      .slice(0, 64 * 1024)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? ''
  return header.split(',').some((column) => column.trim() === 'source_url')
}

/**
 * Reads a cited table (CSV with a header line). Every row is checked; any problem rejects the
 * file, so `rows` is only usable when `problems` is empty. Lines are counted as the file has
 * them, so a quoted note running over several lines does not shift the line numbers after it.
 */
export function parseCitedTable(file: string, text: string): ParsedRows {
  const rows: ComtradeRow[] = []
  const problems: ImportProblem[] = []
  readCsvRecords(text, {
    header: (columns) => {
      const headerProblem = checkHeader(columns)
      if (headerProblem) problems.push({ file, line: 1, message: headerProblem })
      return !headerProblem
    },
    record: ({ line, fields, error }, columns) => {
      if (error) problems.push({ file, line, message: `CSV: ${error}` })
      else if (fields.length !== columns.length)
        problems.push({ file, line, message: `has ${fields.length} fields, but the header has ${columns.length}` })
      else {
        const result = toCitedRow(line, Object.fromEntries(columns.map((c, i) => [c, fields[i]])))
        if ('problems' in result) problems.push(...result.problems.map((p) => ({ file, line, ...p })))
        else rows.push(result)
      }
    },
  })
  if (rows.length === 0 && problems.length === 0) problems.push({ file, message: 'the file has no data rows' })
  return { rows, problems }
}

function checkHeader(columns: string[]): string | undefined {
  const known = new Set<string>([...CITED_COLUMNS.required, ...CITED_COLUMNS.optional])
  const missing = CITED_COLUMNS.required.filter((c) => !columns.includes(c))
  const unknown = columns.filter((c) => !known.has(c))
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i)
  const said = [
    missing.length > 0 && `the header lacks ${missing.join(', ')}`,
    unknown.length > 0 &&
      `the header has unknown columns ${unknown.map((c) => JSON.stringify(c)).join(', ')} (optional ones are ${CITED_COLUMNS.optional.join(', ')})`,
    repeated.length > 0 && `the header repeats ${[...new Set(repeated)].join(', ')}`,
  ].filter(Boolean)
  return said.length > 0 ? `${said.join('; ')}. A cited table has the columns ${CITED_COLUMNS.required.join(',')}` : undefined
}

const CITED_COUNTRY_FIELDS = {
  reporter: { code: 'reporter_code', iso: 'reporter_iso' },
  partner: { code: 'partner_code', iso: 'partner_iso' },
}

function toCitedRow(line: number, values: Record<string, string | undefined>): ComtradeRow | { problems: FieldProblem[] } {
  const { field, problems } = fieldCollector(values)
  const period = field('period', citedPeriod)
  const cmd = values.cmd_code?.trim()
  const reportedOn = field('reported_on', reportDate)
  const cited: CitedValue = {
    reportedBy: field('reported_by', nonEmptyText),
    reportedOn,
    url: field('source_url', reportUrl),
    approximate: field('approximate', trueOrFalse),
    ...(values.note?.trim() ? { note: values.note.trim() } : {}),
  }
  const row: ComtradeRow = {
    place: { line },
    line,
    reporter: { m49: field('reporter_code', m49Code), iso3: field('reporter_iso', iso3Code), name: values.reporter_name?.trim() ?? '' },
    partner: { m49: field('partner_code', m49Code), iso3: field('partner_iso', iso3Code), name: values.partner_name?.trim() ?? '' },
    flowCode: field('flow_code', tradeFlow),
    cmdCode: cmd ? field('cmd_code', commodityCode) : 'TOTAL',
    freqCode: period.length === 4 ? 'A' : 'M',
    period,
    primaryValue: field('value_usd', reportedValue),
    currency: 'USD',
    cited,
  }
  problems.push(...countryProblems(row, CITED_COUNTRY_FIELDS))
  const periodOver = nextPeriod(period) ?? ''
  if (problems.length === 0 && reportedOn < periodOver)
    problems.push({
      field: 'reported_on',
      message: `${reportedOn} is before ${period} ended: no report gives a period's total before it is over`,
    })
  return problems.length > 0 ? { problems } : row
}

const citedPeriod: Reader<string> = (value) => {
  const text = typeof value === 'string' ? value.trim() : ''
  return isPeriod(text) ? text : new Invalid(`must be a month as YYYY-MM or a year as YYYY, got ${shown(value)}`)
}

const reportedValue: Reader<number> = (value) =>
  typeof value === 'string' && value.trim() === ''
    ? new Invalid('is empty: leave a period nobody reported out of the file, since a missing value is not zero')
    : dollarAmount(value)

const trueOrFalse: Reader<boolean> = (value) => {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : ''
  if (text === 'true' || text === 'false') return text === 'true'
  return new Invalid(`must be true (the report said "about") or false, got ${shown(value)}`)
}

/** A report's date as the table gives it: a day, or only the month. */
const reportDate: Reader<string> = (value) => {
  const text = typeof value === 'string' ? value.trim() : ''
  const match = /^(\d{4})-(0[1-9]|1[0-2])(?:-(\d{2}))?$/.exec(text)
  const day = match?.[3]
  const valid = match && (day === undefined || (Number(day) >= 1 && Number(day) <= daysIn(Number(match[1]), Number(match[2]))))
  return valid ? text : new Invalid(`must be the report's date as YYYY-MM-DD, or YYYY-MM when only the month is known, got ${shown(value)}`)
}

const reportUrl: Reader<string> = (value) => {
  const href = safeHref(value)
  return href && /^https?:\/\//i.test(href) ? href : new Invalid(`must be the report's http(s) address, got ${shown(value)}`)
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate()

/**
 * When a cited value counts as released: the day of its report, at 00:00 UTC. A report known
 * only by its month counts from the month's last day, so a value is never taken as public
 * before it may have been (a story published mid-month does not "show" a value reported later
 * that month).
 */
export function releasedAtOf(reportedOn: string): string {
  const [year, month, day] = reportedOn.split('-').map(Number) as [number, number, number | undefined]
  return new Date(Date.UTC(year, month - 1, day ?? daysIn(year, month))).toISOString()
}
