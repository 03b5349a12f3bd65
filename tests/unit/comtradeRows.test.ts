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
    [
      'flowCode',
      { flowCode: 'RX' },
      'must be X (export) or M (import); Comtrade\'s other flows, such as RX and RM, are not imported, got "RX"',
    ],
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

describe("checking codes against UN Comtrade's areas", () => {
  it.each([
    ['France as Comtrade codes it', { partnerCode: '251', partnerISO: 'FRA' }, []],
    ['Italy', { partnerCode: '381', partnerISO: 'ITA' }, []],
    ['Norway', { partnerCode: '579', partnerISO: 'NOR' }, []],
    ['India', { reporterCode: '699', reporterISO: 'IND' }, []],
    ['Switzerland', { partnerCode: '757', partnerISO: 'CHE' }, []],
    ['the United States', { reporterCode: '842', reporterISO: 'USA' }, []],
    ['the World as partner', { partnerCode: '0', partnerISO: 'W00' }, []],
    [
      'a reporter code that contradicts its ISO',
      { reporterISO: 'CHM' },
      [['reporterISO', "is CHM, but reporterCode 156 is People's Republic of China (CHN) in UN Comtrade's list of areas"]],
    ],
    [
      'plain M49 where Comtrade differs',
      { partnerCode: '250', partnerISO: 'FRA' },
      [['partnerCode', 'is 250, which is not a UN Comtrade area code; FRA (France) is 251 in Comtrade']],
    ],
    [
      'an unknown pair',
      { partnerCode: '999', partnerISO: 'ZZZ' },
      [['partnerCode', "is 999 with partnerISO ZZZ: neither is in UN Comtrade's list of areas"]],
    ],
  ])('%s', (_, over, expected) => {
    const { problems } = parseComtradeFile('codes.csv', `${HEADER}\n${row(over)}\n`)
    expect(problems.map((p) => [p.field, p.message])).toEqual(expected)
  })
})

describe('reading a release date from the file', () => {
  it.each([
    ['a day', '2024-05-02', { releasedAt: '2024-05-02T00:00:00.000Z' }],
    ['a time with its zone', '2024-05-02T09:30:00+09:00', { releasedAt: '2024-05-02T00:30:00.000Z' }],
    ['no date', '', {}],
  ])('takes lastReleased as %s', (_, lastReleased, expected) => {
    const { rows, problems } = parseComtradeFile('dated.csv', `${HEADER},lastReleased\n${row()},${lastReleased}\n`)
    expect(problems).toEqual([])
    expect(rows[0]?.releasedAt).toEqual('releasedAt' in expected ? expected.releasedAt : undefined)
  })

  it.each([
    ['not a date', 'soon', 'must be a date and time such as 2021-04-18T02:00:00Z, got "soon"'],
    ['in the future', '2999-01-01', 'is in the future (2999-01-01); a release date is when the figures were published'],
  ])('refuses lastReleased %s', (_, lastReleased, message) => {
    const { problems } = parseComtradeFile('dated.csv', `${HEADER},lastReleased\n${row()},${lastReleased}\n`)
    expect(problems).toEqual([{ file: 'dated.csv', line: 2, field: 'lastReleased', message }])
  })
})

describe('naming the row of each problem', () => {
  it('counts CSV lines as the file has them after a quoted field spanning lines, and reports every problem in one run', () => {
    const text = `${HEADER}\n${row({ partnerDesc: '"North\nKorea"' })}\n${row({ period: '2021-13' })}\n\n${row({ primaryValue: 'x', flowCode: 'Q' })}\n`
    const { problems } = parseComtradeFile('multi.csv', text)
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'period'],
      [6, 'flowCode'],
      [6, 'primaryValue'],
    ])
  })

  it.each([
    ['minified API response', (rows: object[]) => JSON.stringify({ count: rows.length, data: rows }), 'data[2]', 1, 444],
    ['pretty-printed array', (rows: object[]) => JSON.stringify(rows, null, 2), '[2]', 28, 3],
  ])('names a JSON row by its place, line and column (%s)', (_, write, record, line, column) => {
    const good = { freqCode: 'M', period: '202103', reporterCode: 156, reporterISO: 'CHN', reporterDesc: 'China', flowCode: 'X' }
    const rest = { partnerCode: 408, partnerISO: 'PRK', partnerDesc: 'North Korea', cmdCode: 'TOTAL', primaryValue: 1 }
    const text = write([
      { ...good, ...rest },
      { ...good, ...rest, period: '202104' },
      { ...good, ...rest, period: '202199' },
    ])
    const { problems } = parseComtradeFile('api.json', text)
    expect(problems).toEqual([
      { file: 'api.json', record, line, column, field: 'period', message: 'must be a month as YYYYMM (freqCode is M), got "202199"' },
    ])
    // The column points at the row's opening brace.
    expect(text.split('\n')[line - 1]?.[column - 1]).toBe('{')
  })
})

describe('a UN Comtrade API response as it comes', () => {
  /** A row of the v1 API's shape, with the fields it has beyond those the importer reads. */
  const apiRow = (over: Record<string, unknown>) => ({
    typeCode: 'C',
    freqCode: 'M',
    refPeriodId: 20240101,
    refYear: 2024,
    refMonth: 1,
    period: '202401',
    reporterCode: 156,
    reporterISO: null,
    reporterDesc: null,
    flowCode: 'M',
    flowDesc: null,
    partnerCode: 842,
    partnerISO: null,
    partnerDesc: null,
    partner2Code: 0,
    classificationCode: 'H6',
    cmdCode: 'TOTAL',
    customsCode: 'C00',
    mosCode: '0',
    motCode: 0,
    qty: 0,
    netWgt: null,
    cifvalue: 13_000_000_000,
    fobvalue: null,
    primaryValue: 13_000_000_000,
    isReported: false,
    isAggregate: true,
    ...over,
  })

  it('fills in ISO codes and names from Comtrade’s list, and leaves out breakdown rows', () => {
    const text = JSON.stringify({
      elapsedTime: '0.4 secs',
      count: 4,
      data: [
        apiRow({}),
        apiRow({ motCode: 1000, primaryValue: 9_000_000_000 }),
        apiRow({ customsCode: 'C03', primaryValue: 1 }),
        apiRow({ partner2Code: 899, primaryValue: 2 }),
      ],
      error: '',
    })
    const { rows, problems, leftOut } = parseComtradeFile('api.json', text)
    expect(problems).toEqual([])
    expect(leftOut).toEqual({ breakdown: 3 })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      reporter: { m49: 156, iso3: 'CHN' },
      partner: { m49: 842, iso3: 'USA', name: 'United States of America' },
      primaryValue: 13_000_000_000,
    })
  })

  it.each([
    [837, 'Bunkers'],
    [838, 'Free Zones'],
    [839, 'Special Categories'],
    [899, 'Areas, nes'],
  ])('leaves out rows whose partner is not a country (%i, %s), so a file of every partner imports', (code, name) => {
    const text = JSON.stringify({
      data: [apiRow({}), apiRow({ partnerCode: code, partnerISO: null, partnerDesc: name, primaryValue: 5 })],
    })
    const { rows, problems, leftOut } = parseComtradeFile('all-partners.json', text)
    expect(problems).toEqual([])
    expect(leftOut).toEqual({ notACountry: 1 })
    expect(rows.map((r) => r.partner.iso3)).toEqual(['USA'])
  })
})
