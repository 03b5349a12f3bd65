import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isCitedTable, parseCitedTable, releasedAtOf } from '@/lib/tradeImport/citedRows'
import { groupIntoSeries } from '@/lib/tradeImport/seriesPlan'

const HEADER =
  'period,reporter_code,reporter_iso,partner_code,partner_iso,flow_code,value_usd,approximate,reported_by,reported_on,source_url,note'
const COLUMNS = HEADER.split(',')
const BASE: Record<string, string> = {
  period: '2021-02',
  reporter_code: '156',
  reporter_iso: 'CHN',
  partner_code: '408',
  partner_iso: 'PRK',
  flow_code: 'X',
  value_usd: '3000',
  approximate: 'true',
  reported_by: 'Korea Economic Daily',
  reported_on: '2021-03-18',
  source_url: 'https://www.hankyung.com/article/202103180239Y',
  note: '"reported as ""about $3,000"""',
}
const row = (over: Record<string, string> = {}) => COLUMNS.map((c) => over[c] ?? BASE[c]).join(',')
const table = (...rows: string[]) => [HEADER, ...rows].join('\n')

describe('reading a cited table', () => {
  it('keeps each value with the report it came from', () => {
    const { rows, problems } = parseCitedTable('t.csv', table(row()))
    expect(problems).toEqual([])
    expect(rows).toEqual([
      {
        place: { line: 2 },
        line: 2,
        reporter: { m49: 156, iso3: 'CHN', name: '' },
        partner: { m49: 408, iso3: 'PRK', name: '' },
        flowCode: 'X',
        cmdCode: 'TOTAL',
        freqCode: 'M',
        period: '2021-02',
        primaryValue: 3000,
        currency: 'USD',
        cited: {
          reportedBy: 'Korea Economic Daily',
          reportedOn: '2021-03-18',
          url: 'https://www.hankyung.com/article/202103180239Y',
          approximate: true,
          note: 'reported as "about $3,000"',
        },
      },
    ])
  })

  it('is told apart from a Comtrade CSV by its header', () => {
    expect(isCitedTable(table(row()))).toBe(true)
    expect(isCitedTable('freqCode,period,reporterCode\nM,202103,156')).toBe(false)
  })

  it.each([
    ['an empty value (missing is not zero)', { value_usd: '' }, 'value_usd', /is empty: leave a period nobody reported out of the file/],
    ['a value in words', { value_usd: 'about 3000' }, 'value_usd', /must be a number of US dollars, got "about 3000"/],
    ['approximate as yes', { approximate: 'yes' }, 'approximate', /must be true .* or false, got "yes"/],
    ['a report date that is no date', { reported_on: '2021-02-30' }, 'reported_on', /YYYY-MM-DD, or YYYY-MM/],
    ['a report before the period ended', { reported_on: '2021-03-20' }, 'reported_on', /is before 2021-03 ended/],
    ['a javascript: link', { source_url: 'javascript:alert(1)' }, 'source_url', /http\(s\) address, got "javascript:alert\(1\)"/],
    ['a site-relative link', { source_url: '/articles/x' }, 'source_url', /http\(s\) address/],
    ['no outlet', { reported_by: ' ' }, 'reported_by', /must be text/],
    ['a Comtrade period', { period: '202102' }, 'period', /YYYY-MM or a year as YYYY, got "202102"/],
    ['an unknown flow', { flow_code: 'R' }, 'flow_code', /X \(export\) or M \(import\)/],
  ])('names line and field for %s', (_name, over, field, message) => {
    const { rows, problems } = parseCitedTable('t.csv', table(row(), row({ period: '2021-03', reported_on: '2021-04-18', ...over })))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: 't.csv', line: 3, field })
    expect(problems[0]?.message).toMatch(message)
    expect(rows).toHaveLength(1)
  })

  it('counts lines as the file has them when a quoted note runs over lines', () => {
    const text = table(row({ note: '"first line\nsecond line"' }), '', row({ period: '2021-03', value_usd: 'x' }))
    expect(parseCitedTable('t.csv', text).problems).toEqual([
      { file: 't.csv', line: 5, field: 'value_usd', message: 'must be a number of US dollars, got "x"' },
    ])
  })

  it.each([
    ['a missing column', HEADER.replace(',approximate', ''), /the header lacks approximate/],
    ['a misspelt column', HEADER.replace('note', 'notes'), /unknown columns "notes"/],
  ])('rejects a header with %s, naming what a cited table has', (_name, header, message) => {
    const { problems } = parseCitedTable('t.csv', `${header}\n${row()}`)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 1 })
    expect(problems[0]?.message).toMatch(message)
  })

  it('reports a row with the wrong number of fields', () => {
    expect(parseCitedTable('t.csv', table(`${row()},extra`)).problems[0]).toMatchObject({
      line: 2,
      message: 'has 13 fields, but the header has 12',
    })
  })

  it('dates a value by its report; a month-only date counts from the last day of the month', () => {
    expect(releasedAtOf('2021-03-18')).toBe('2021-03-18T00:00:00.000Z')
    expect(releasedAtOf('2020-10')).toBe('2020-10-31T00:00:00.000Z')
    expect(releasedAtOf('2020-02')).toBe('2020-02-29T00:00:00.000Z')
  })

  it('reads the seed file whole: 44 values in two series, the unreported months left out', () => {
    const text = readFileSync(resolve(import.meta.dirname, '../../sanity/seed/trade/china-dprk-monthly-trade-2020-2021.csv'), 'utf8')
    const { rows, problems } = parseCitedTable('seed.csv', text)
    expect(problems).toEqual([])
    expect(rows).toHaveLength(44)
    const { series } = groupIntoSeries('seed.csv', rows)
    const periods = (flow: string) => [...(series.find((s) => s.flowCode === flow)?.observations.keys() ?? [])]
    expect(periods('X')).not.toContain('2020-03')
    expect(periods('X')).not.toContain('2021-12')
    expect(periods('M')).not.toContain('2020-02')
    expect(periods('M')).not.toContain('2020-12')
    expect(rows.filter((r) => r.cited?.approximate).map((r) => `${r.period} ${r.flowCode}`)).toEqual([
      '2020-04 X',
      '2020-04 M',
      '2021-01 X',
      '2021-02 X',
      '2021-02 M',
    ])
  })
})
