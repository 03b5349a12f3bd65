import { describe, expect, it } from 'vitest'
import { parseComtradeFile } from '@/lib/tradeImport/comtradeRows'
import { groupIntoSeries, seriesId } from '@/lib/tradeImport/seriesPlan'

const HEADER = 'freqCode,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,cmdCode,primaryValue'
const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    freqCode: 'M',
    period: '202103',
    reporterCode: '156',
    reporterISO: 'CHN',
    reporterDesc: 'China',
    flowCode: 'X',
    partnerCode: '408',
    partnerISO: 'PRK',
    partnerDesc: 'North Korea',
    cmdCode: 'TOTAL',
    primaryValue: '12980000',
  }
  return HEADER.split(',')
    .map((k) => over[k] ?? base[k])
    .join(',')
}

describe('reading Comtrade rows', () => {
  it('normalises a CSV row: YYYYMM becomes YYYY-MM, codes become numbers', () => {
    const { rows, problems } = parseComtradeFile('a.csv', `${HEADER}\n${row()}\n`)
    expect(problems).toEqual([])
    expect(rows).toEqual([
      {
        place: { line: 2 },
        line: 2,
        reporter: { m49: 156, iso3: 'CHN', name: 'China' },
        partner: { m49: 408, iso3: 'PRK', name: 'North Korea' },
        flowCode: 'X',
        cmdCode: 'TOTAL',
        freqCode: 'M',
        period: '2021-03',
        primaryValue: 12_980_000,
        currency: 'USD',
      },
    ])
  })

  it('reads the API response shape and a bare array, with numbers as numbers', () => {
    const record = { freqCode: 'A', period: 2020, reporterCode: 156, reporterISO: 'CHN', reporterDesc: 'China', flowCode: 'M' }
    const full = { ...record, partnerCode: 0, partnerISO: 'W00', partnerDesc: 'World', cmdCode: 'TOTAL', primaryValue: 2.5e12 }
    const wrapped = parseComtradeFile('a.json', JSON.stringify({ elapsedTime: '1s', count: 1, data: [full], error: '' }))
    const bare = parseComtradeFile('a.json', JSON.stringify([full]))
    expect(wrapped.problems).toEqual([])
    expect(wrapped.rows[0]).toMatchObject({ period: '2020', freqCode: 'A', partner: { iso3: 'W00', m49: 0 }, primaryValue: 2.5e12 })
    expect(wrapped.rows[0]?.place).toEqual({ record: 'data[0]' })
    expect(bare.rows.map(({ place: _, ...row }) => row)).toEqual(wrapped.rows.map(({ place: _, ...row }) => row))
  })

  it('names the line of each record of pretty-printed JSON', () => {
    const records = [{ freqCode: 'M' }, { freqCode: 'M' }]
    const { problems } = parseComtradeFile('a.json', JSON.stringify({ data: records }, null, 2))
    expect(new Set(problems.map((p) => p.line))).toEqual(new Set([3, 6]))
  })

  it.each([
    ['period', { period: '202113' }, 'must be a month as YYYYMM (freqCode is M), got "202113"'],
    ['period', { period: '2021' }, 'must be a month as YYYYMM (freqCode is M), got "2021"'],
    ['period', { freqCode: 'A', period: '202103' }, 'must be a year as YYYY (freqCode is A), got "202103"'],
    ['primaryValue', { primaryValue: 'NaN' }, 'must be a number of US dollars, got "NaN"'],
    ['primaryValue', { primaryValue: '' }, 'must be a number of US dollars, got nothing'],
    ['primaryValue', { primaryValue: '-5' }, 'cannot be negative, got -5'],
    ['reporterCode', { reporterCode: 'CHN' }, 'must be a numeric M49 country code, got "CHN"'],
    ['partnerISO', { partnerISO: 'North Korea' }, 'must be a three-letter ISO code such as CHN, got "North Korea"'],
    ['flowCode', { flowCode: 'RX' }, 'must be X (export) or M (import), got "RX"'],
    ['freqCode', { freqCode: 'Q' }, 'must be M (monthly) or A (annual), got "Q"'],
    ['cmdCode', { cmdCode: '' }, 'must be a commodity code such as TOTAL or 2709, got nothing'],
  ])('rejects a bad %s with the line and field named (%j)', (field, over, message) => {
    const { problems } = parseComtradeFile('bad.csv', `${HEADER}\n${row()}\n\n${row(over)}\n`)
    expect(problems).toEqual([{ file: 'bad.csv', line: 4, field, message }])
  })

  it('rejects JSON values of the wrong type', () => {
    const { problems } = parseComtradeFile('a.json', JSON.stringify([{ primaryValue: true, reporterISO: 156 }]))
    const at = { file: 'a.json', record: '[0]', line: 1, column: 2 }
    expect(problems).toContainEqual({ ...at, field: 'primaryValue', message: 'must be a number of US dollars, got true' })
    expect(problems).toContainEqual({
      ...at,
      field: 'reporterISO',
      message: 'must be a three-letter ISO code such as CHN, got 156',
    })
  })

  it.each([
    ['not JSON', '{"data": [', /^not valid JSON/],
    ['no data array', '{"rows": []}', /"data" array/],
    ['an empty file', `${HEADER}\n`, /no data rows/],
  ])('rejects %s as a whole', (_, text, message) => {
    const { problems } = parseComtradeFile('x', text)
    expect(problems).toHaveLength(1)
    expect(problems[0]?.message).toMatch(message)
  })
})

describe('grouping rows into series', () => {
  it('uses the seed id scheme, so the seed series are matched', () => {
    const { rows } = parseComtradeFile('a.csv', `${HEADER}\n${row()}\n${row({ flowCode: 'M' })}\n`)
    expect(rows.map(seriesId)).toEqual(['tradeSeries.chn-prk-x-total-m', 'tradeSeries.chn-prk-m-total-m'])
  })

  it('keeps one currency per series, and each period once', () => {
    const text = `${HEADER},currency\n${row()},USD\n${row({ period: '202104' })},USD\n${row({ period: '202105' })},CNY\n${row()},USD\n`
    const { rows } = parseComtradeFile('a.csv', text)
    const { problems } = groupIntoSeries('a.csv', rows)
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'currency'],
      [5, 'period'],
    ])
    expect(problems[0]?.message).toBe(
      'is CNY, but line 2 gives USD for the same series (tradeSeries.chn-prk-x-total-m); a series keeps one currency',
    )
    expect(problems[1]?.message).toBe('2021-03 of tradeSeries.chn-prk-x-total-m is already given on line 2')
  })
})
