import Papa from 'papaparse'
import type { CitedValue } from './citedRows'
import {
  commodityCode,
  comtradePeriod,
  dollarAmount,
  type FieldProblem,
  fieldCollector,
  Invalid,
  isObject,
  iso3Code,
  m49Code,
  nonEmptyText,
  oneOf,
} from './fieldReaders'

/** A country as UN Comtrade identifies it. */
export type Country = { m49: number; iso3: string; name: string }

/** One valid UN Comtrade row, normalised: period as YYYY-MM or YYYY, value in US dollars. */
export type ComtradeRow = {
  line: number
  reporter: Country
  partner: Country
  flowCode: 'X' | 'M'
  cmdCode: string
  freqCode: 'M' | 'A'
  period: string
  primaryValue: number
  currency: string
  /** Cited tables (citedRows.ts) say where each value was published; Comtrade files come from one release. */
  cited?: CitedValue
}

/** What is wrong with a file, kept as data so every problem can be reported at once. */
export type ImportProblem = { file: string; line?: number; field?: string; message: string }

export type ParsedRows = { rows: ComtradeRow[]; problems: ImportProblem[] }

type RawRecord = { line: number; values: Record<string, unknown> }

/**
 * Reads a UN Comtrade API v1 export: JSON (`{"data": [...]}` or a bare array of rows) or CSV
 * with a header line. Every row is checked; any problem rejects the file, so `rows` is only
 * usable when `problems` is empty.
 */
export function parseComtradeFile(file: string, text: string): ParsedRows {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart()
  const records = trimmed.startsWith('{') || trimmed.startsWith('[') ? readJson(file, trimmed) : readCsv(file, trimmed)
  if ('problem' in records) return { rows: [], problems: [records.problem] }
  if (records.length === 0) return { rows: [], problems: [{ file, message: 'the file has no data rows' }] }
  const rows: ComtradeRow[] = []
  const problems: ImportProblem[] = []
  for (const record of records) {
    const result = toRow(record)
    if ('problems' in result) problems.push(...result.problems.map((p) => ({ file, line: record.line, ...p })))
    else rows.push(result)
  }
  return { rows, problems }
}

function readJson(file: string, text: string): RawRecord[] | { problem: ImportProblem } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return { problem: { file, message: `not valid JSON: ${(err as Error).message}` } }
  }
  const data = Array.isArray(parsed) ? parsed : isObject(parsed) ? parsed.data : undefined
  if (!Array.isArray(data)) return { problem: { file, message: 'expected a JSON array of rows or an object with a "data" array' } }
  const lines = objectStartLines(text, Array.isArray(parsed) ? 1 : 2)
  return data.map((values, index) => ({
    // Only trust the scanned lines when they line up one for one with the rows.
    line: lines.length === data.length ? (lines[index] ?? 1) : 1,
    values: isObject(values) ? values : { [NOT_AN_OBJECT]: values },
  }))
}

const NOT_AN_OBJECT = Symbol('not an object') as unknown as string

/** The line on which each object at a given nesting depth starts, skipping strings. */
function objectStartLines(text: string, depth: number): number[] {
  const lines: number[] = []
  let line = 1
  let level = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') line++
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{' || c === '[') {
      if (c === '{' && level === depth) lines.push(line)
      level++
    } else if (c === '}' || c === ']') level--
  }
  return lines
}

function readCsv(file: string, text: string): RawRecord[] | { problem: ImportProblem } {
  // Empty lines are kept so that data row i is line i + 2 (after the header); Comtrade CSV has
  // no line breaks inside quoted fields, so the count holds.
  const { data, errors } = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: false,
    transformHeader: (h) => h.trim(),
  })
  const records: RawRecord[] = []
  for (const [index, values] of data.entries()) {
    const line = index + 2
    if (Object.values(values).every((v) => v === '' || v === undefined)) continue
    const error = errors.find((e) => e.row === index)
    if (error) return { problem: { file, line, message: `CSV: ${error.message}` } }
    records.push({ line, values })
  }
  return records
}

function toRow({ line, values }: RawRecord): ComtradeRow | { problems: FieldProblem[] } {
  if (NOT_AN_OBJECT in values) return { problems: [{ message: 'a row must be an object of Comtrade fields' }] }
  const { field, problems } = fieldCollector(values)
  const country = (prefix: 'reporter' | 'partner'): Country => ({
    m49: field(`${prefix}Code`, m49Code),
    iso3: field(`${prefix}ISO`, iso3Code),
    name: field(`${prefix}Desc`, nonEmptyText),
  })
  const freqCode = oneOf(['M', 'A'] as const, 'M (monthly) or A (annual)')(values.freqCode)
  if (freqCode instanceof Invalid) problems.push({ field: 'freqCode', message: freqCode.message })
  const row: ComtradeRow = {
    line,
    reporter: country('reporter'),
    partner: country('partner'),
    flowCode: field('flowCode', oneOf(['X', 'M'] as const, 'X (export) or M (import)')),
    cmdCode: field('cmdCode', commodityCode),
    freqCode: freqCode as 'M' | 'A',
    period: freqCode instanceof Invalid ? '' : field('period', comtradePeriod(freqCode)),
    primaryValue: field('primaryValue', dollarAmount),
    // Comtrade reports values in US dollars; a currency column, where a file has one, must agree.
    currency: values.currency === undefined || values.currency === '' ? 'USD' : field('currency', nonEmptyText),
  }
  return problems.length > 0 ? { problems } : row
}
