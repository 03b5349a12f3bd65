import Papa from 'papaparse'

/** One CSV record with the line it starts on, as an editor sees the file. */
export type CsvRecord = { line: number; fields: string[]; error?: string }

/**
 * Reads a CSV with a header line. Lines are counted as the file has them, so a quoted field running
 * over several lines does not shift the line numbers of the records after it. Blank records are
 * left out (their lines still count).
 */
export function readCsvRecords(text: string): { header: string[]; records: CsvRecord[] } {
  const { data, errors } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: false })
  const errorOf = new Map(errors.filter((e) => e.row !== undefined).map((e) => [e.row as number, e.message]))
  const [header = [], ...rest] = data
  const records: CsvRecord[] = []
  let line = 1 + newlines(header)
  for (const [index, fields] of rest.entries()) {
    line++
    const start = line
    line += newlines(fields)
    if (fields.every((f) => f.trim() === '')) continue
    const error = errorOf.get(index + 1)
    records.push({ line: start, fields, ...(error ? { error } : {}) })
  }
  return { header: header.map((h) => h.trim()), records }
}

const newlines = (fields: string[]) => fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0)
