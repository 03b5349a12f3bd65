import Papa from 'papaparse'

/** One CSV record with the line it starts on, as an editor sees the file. */
export type CsvRecord = { line: number; fields: string[]; error?: string }

/**
 * Reads a CSV with a header line, one record at a time so the file's rows are never all held as
 * text. Lines are counted as the file has them, so a quoted field running over several lines does
 * not shift the line numbers of the records after it. Blank records are skipped (their lines
 * count). `header` sees the trimmed column names first; returning false stops the reading.
 */
export function readCsvRecords(
  text: string,
  visit: { header: (columns: string[]) => boolean; record: (record: CsvRecord, columns: string[]) => void },
): void {
  let columns: string[] | undefined
  let line = 0
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: false,
    step: ({ data: fields, errors }, parser) => {
      const start = line + 1
      line += 1 + newlines(fields)
      if (!columns) {
        columns = fields.map((h) => h.trim())
        if (!visit.header(columns)) parser.abort()
      } else if (!fields.every((f) => f.trim() === '')) {
        const error = errors[0]?.message
        visit.record({ line: start, fields, ...(error ? { error } : {}) }, columns)
      }
    },
  })
  if (!columns) visit.header([])
}

const newlines = (fields: string[]) => fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0)
