import { visit } from 'jsonc-parser'
import { type FlowCode, FREQUENCY_CODES, type FrequencyCode } from '@/lib/figures/tradeCodes'
import type { CitedValue } from './citedRows'
import { comtradeArea, countryProblems } from './comtradeAreas'
import { readCsvRecords } from './csvRecords'
import {
  asText,
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
  releaseDate,
  tradeFlow,
} from './fieldReaders'

/** A country as UN Comtrade identifies it. */
export type Country = { m49: number; iso3: string; name: string }

/** One valid UN Comtrade row, normalised: period as YYYY-MM or YYYY, value in US dollars. */
export type ComtradeRow = {
  /** Where the row is, for problems: its line in CSV, its place in JSON. */
  place: Place
  /** The row's order in the file. */
  line: number
  reporter: Country
  partner: Country
  flowCode: FlowCode
  cmdCode: string
  freqCode: FrequencyCode
  period: string
  primaryValue: number
  currency: string
  /** When the row's value was released, where the file says (a `lastReleased` column). */
  releasedAt?: string
  /** Cited tables (citedRows.ts) say where each value was published; Comtrade files come from one release. */
  cited?: CitedValue
}

/**
 * What is wrong with a file, kept as data so every problem can be reported at once. A JSON row is
 * named by its place in the file (`data[41]`) and, once positions are looked up, the line and
 * column its object starts on.
 */
export type ImportProblem = { file: string; line?: number; column?: number; record?: string; field?: string; message: string }

export type Place = { line: number } | { record: string }

/** "line 4" or "data[41]", as a problem refers to another row. */
export const placeName = (place: Place) => ('line' in place ? `line ${place.line}` : place.record)

export type ParsedRows = {
  rows: ComtradeRow[]
  problems: ImportProblem[]
  /** Rows left out of the import, by why (LEFT_OUT). */
  leftOut?: LeftOutCounts
}

/** Rows of a Comtrade file that are not imported, and why: a reader of the import's report is told. */
export const LEFT_OUT = {
  breakdown: {
    applies: (values: Record<string, unknown>) => isBreakdown(values),
    why: 'breakdown rows (by mode of transport, customs procedure or second partner): their totals are in the file',
  },
  notACountry: {
    applies: (values: Record<string, unknown>) => NOT_A_COUNTRY.has(Number(asText(values.partnerCode))),
    why: "rows whose partner is not a country (Comtrade's bunkers, free zones, special categories and areas not specified)",
  },
} as const
export type LeftOutCounts = Partial<Record<keyof typeof LEFT_OUT, number>>

/**
 * Comtrade's partner codes for trade with no partner country: bunkers (837), free zones (838),
 * special categories (839) and areas not elsewhere specified (899). A file of every partner has
 * them; no series of a country's trade with another can hold them.
 */
const NOT_A_COUNTRY = new Set([837, 838, 839, 899])
const LEFT_OUT_KINDS = Object.keys(LEFT_OUT) as (keyof typeof LEFT_OUT)[]

type RawRecord = { line: number; place: Place; values: Record<string, unknown> }

/**
 * Reads a UN Comtrade API v1 export: JSON (`{"data": [...]}` or a bare array of rows) or CSV
 * with a header line. Every row is checked; any problem rejects the file, so `rows` is only
 * usable when `problems` is empty.
 */
export function parseComtradeFile(file: string, text: string): ParsedRows {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart()
  const json = trimmed.startsWith('{') || trimmed.startsWith('[')
  const rows: ComtradeRow[] = []
  const problems: ImportProblem[] = []
  // A file names the same few countries on every row: one object each keeps a large file small.
  const countries = new Map<string, Country>()
  const shared = (c: Country) => {
    const key = `${c.m49} ${c.iso3} ${c.name}`
    if (!countries.has(key)) countries.set(key, c)
    return countries.get(key) as Country
  }
  const leftOut: LeftOutCounts = {}
  const read = (record: RawRecord) => {
    const kind = LEFT_OUT_KINDS.find((k) => LEFT_OUT[k].applies(record.values))
    if (kind) {
      leftOut[kind] = (leftOut[kind] ?? 0) + 1
      return
    }
    const result = toRow(record)
    if ('problems' in result) problems.push(...result.problems.map((p) => ({ file, ...record.place, ...p })))
    else rows.push({ ...result, reporter: shared(result.reporter), partner: shared(result.partner) })
  }
  if (json) {
    const records = readJson(file, trimmed)
    if ('problems' in records) return { rows: [], problems: records.problems }
    records.forEach(read)
  } else
    readCsvRecords(trimmed, {
      header: () => true,
      record: ({ line, fields, error }, columns) => {
        if (error) problems.push({ file, line, message: `CSV: ${error}` })
        else read({ line, place: { line }, values: Object.fromEntries(columns.map((column, i) => [column, fields[i]])) })
      },
    })
  if (rows.length === 0 && problems.length === 0)
    return {
      rows,
      problems: [
        {
          file,
          message:
            Object.keys(leftOut).length > 0 ? 'the file has only rows that are not imported, no totals' : 'the file has no data rows',
        },
      ],
    }
  // Positions cost a second pass over the text, so they are looked up only for a file with problems.
  return { rows, problems: json && problems.length > 0 ? withJsonPositions(trimmed, problems) : problems, leftOut }
}

function readJson(file: string, text: string): RawRecord[] | { problems: ImportProblem[] } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    return { problems: [{ file, message: `not valid JSON: ${(err as Error).message}` }] }
  }
  const data = Array.isArray(parsed) ? parsed : isObject(parsed) ? parsed.data : undefined
  if (!Array.isArray(data)) return { problems: [{ file, message: 'expected a JSON array of rows or an object with a "data" array' }] }
  const prefix = Array.isArray(parsed) ? '' : 'data'
  return data.map((values, index) => ({
    line: index,
    place: { record: `${prefix}[${index}]` },
    values: isObject(values) ? values : { [NOT_AN_OBJECT]: values },
  }))
}

const NOT_AN_OBJECT = Symbol('not an object') as unknown as string

/** Adds the line and column where each problem's row starts, read from the text with a JSON scanner. */
export function withJsonPositions(text: string, problems: ImportProblem[]): ImportProblem[] {
  const wanted = new Set(problems.map((p) => p.record))
  const positions = new Map<string, { line: number; column: number }>()
  const at = (startLine: number, startCharacter: number, path: (string | number)[]) => {
    const record = path.length === 1 ? `[${path[0]}]` : path.length === 2 && path[0] === 'data' ? `data[${path[1]}]` : undefined
    if (record && wanted.has(record)) positions.set(record, { line: startLine + 1, column: startCharacter + 1 })
  }
  visit(text, {
    onObjectBegin: (_offset, _length, line, character, path) => at(line, character, path()),
    onArrayBegin: (_offset, _length, line, character, path) => at(line, character, path()),
    onLiteralValue: (_value, _offset, _length, line, character, path) => at(line, character, path()),
  })
  return problems.map((p) => ({ ...p, ...(p.record ? positions.get(p.record) : undefined) }))
}

/**
 * The fields on which Comtrade breaks a total down (mode of transport, customs procedure, second
 * partner), with the value each has on the total row. A row with any other value is part of a
 * total: importing it too would count the same trade twice.
 */
const TOTAL_OF_BREAKDOWN = { motCode: '0', customsCode: 'C00', partner2Code: '0' }

const isBreakdown = (values: Record<string, unknown>) =>
  Object.entries(TOTAL_OF_BREAKDOWN).some(([field, total]) => {
    const value = asText(values[field])
    return value !== undefined && value !== '' && value.toUpperCase() !== total
  })

const blank = (value: unknown) => value === undefined || value === null || value === ''

const COMTRADE_COUNTRY_FIELDS = {
  reporter: { code: 'reporterCode', iso: 'reporterISO' },
  partner: { code: 'partnerCode', iso: 'partnerISO' },
}

function toRow({ line, place, values }: RawRecord): ComtradeRow | { problems: FieldProblem[] } {
  if (NOT_AN_OBJECT in values) return { problems: [{ message: 'a row must be an object of Comtrade fields' }] }
  const { field, problems } = fieldCollector(values)
  // The API leaves ISO codes and names out (null) unless asked for them: Comtrade's list fills them in.
  const country = (prefix: 'reporter' | 'partner'): Country => {
    const m49 = field(`${prefix}Code`, m49Code)
    const known = typeof m49 === 'number' ? comtradeArea(m49) : undefined
    return {
      m49,
      iso3: known && blank(values[`${prefix}ISO`]) ? known.iso3 : field(`${prefix}ISO`, iso3Code),
      name: known && blank(values[`${prefix}Desc`]) ? known.name : field(`${prefix}Desc`, nonEmptyText),
    }
  }
  const freqCode = oneOf(FREQUENCY_CODES, 'M (monthly) or A (annual)')(values.freqCode)
  if (freqCode instanceof Invalid) problems.push({ field: 'freqCode', message: freqCode.message })
  const row: ComtradeRow = {
    place,
    line,
    reporter: country('reporter'),
    partner: country('partner'),
    flowCode: field('flowCode', tradeFlow),
    cmdCode: field('cmdCode', commodityCode),
    freqCode: freqCode as FrequencyCode,
    period: freqCode instanceof Invalid ? '' : field('period', comtradePeriod(freqCode)),
    primaryValue: field('primaryValue', dollarAmount),
    // Comtrade reports values in US dollars; a currency column, where a file has one, must agree.
    currency: values.currency === undefined || values.currency === '' ? 'USD' : field('currency', nonEmptyText),
    ...(values.lastReleased === undefined || values.lastReleased === '' ? {} : { releasedAt: field('lastReleased', releaseDate) }),
  }
  problems.push(...countryProblems(row, COMTRADE_COUNTRY_FIELDS))
  return problems.length > 0 ? { problems } : row
}
