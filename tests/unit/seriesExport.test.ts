import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { SERIES_QUERY_RESULT } from '@/lib/content/sanity.types'
import { presentTradeFact, revisionNoteText } from '@/lib/figures/presentTradeFact'
import { seriesCsv, seriesJson } from '@/lib/figures/seriesExport'

const series = {
  _id: 'tradeSeries.chn-prk-x-total-m',
  title: "North Korea's imports from China",
  slug: 'north-korea-imports-from-china',
  reporter: { _type: 'country', m49: 156, iso3: 'CHN', name: 'China' },
  partner: { _type: 'country', m49: 408, iso3: 'PRK', name: 'North Korea' },
  flowCode: 'X',
  cmdCode: 'TOTAL',
  freqCode: 'M',
  currency: 'USD',
  source: { agency: 'General Administration of Customs', wording: 'Chinese customs data' },
  note: null,
  observations: [
    {
      _key: '2021-03',
      _type: 'tradeObservation',
      period: '2021-03',
      primaryValue: 13_500_000,
      status: 'revised',
      releasedAt: '2021-05-20T02:00:00.000Z',
      history: [
        {
          _key: 'h1',
          _type: 'observationRelease',
          primaryValue: 12_978_000,
          status: 'provisional',
          releasedAt: '2021-04-18T00:00:00.000Z',
          approximate: false,
          citation: {
            reportedBy: 'Asia Economy (asiae.co.kr)',
            reportedOn: '2021-04-18',
            url: 'https://www.asiae.co.kr/article/2021041820543724174',
            note: 'the reference story says $12.98 million',
          },
        },
      ],
    },
  ],
  citedBy: [],
} satisfies NonNullable<SERIES_QUERY_RESULT>

describe('series downloads', () => {
  it('writes every release as a CSV row with Comtrade column names, the current one marked', () => {
    const { data, meta } = Papa.parse<Record<string, string>>(seriesCsv(series), { header: true })
    expect(meta.fields).toEqual([
      'reporterCode',
      'reporterISO',
      'partnerCode',
      'partnerISO',
      'flowCode',
      'cmdCode',
      'freqCode',
      'currency',
      'period',
      'primaryValue',
      'status',
      'releasedAt',
      'approximate',
      'reportedBy',
      'reportedOn',
      'sourceUrl',
      'note',
      'current',
    ])
    expect(data.map((r) => [r.period, r.primaryValue, r.status, r.current])).toEqual([
      ['2021-03', '12978000', 'provisional', 'false'],
      ['2021-03', '13500000', 'revised', 'true'],
    ])
    // The earlier value keeps the report it was cited from; the agency's revision cites none.
    expect(data.map((r) => [r.reportedBy, r.reportedOn, r.sourceUrl, r.approximate])).toEqual([
      ['Asia Economy (asiae.co.kr)', '2021-04-18', 'https://www.asiae.co.kr/article/2021041820543724174', 'false'],
      ['', '', '', ''],
    ])
  })

  it.each([
    ['an equals sign', '=HYPERLINK("http://evil.example","x")'],
    ['a plus sign', '+1+cmd|" /C calc"!A0'],
    ['a minus sign', '-2+3'],
    ['an at sign', '@SUM(1,2)'],
    ['a tab', '\t=1+1'],
    ['a carriage return', '\r=1+1'],
    ['a formula after a line break', '=1+1\nsecond line'],
    ['a full-width equals sign', '\uFF1D1+1'],
  ])('neutralises a text cell starting with %s, and keeps negative numbers numeric', (_case, hostile) => {
    const hostileSeries = {
      ...series,
      currency: hostile,
      observations: series.observations.map((o) => ({ ...o, primaryValue: -3_000, history: [] })),
    }
    const [row] = Papa.parse<Record<string, string>>(seriesCsv(hostileSeries), { header: true }).data
    expect(row?.currency).toBe(`'${hostile}`)
    expect(row?.primaryValue).toBe('-3000')
  })

  it('gives the same releases in JSON with the series identity and source', () => {
    const json = seriesJson(series)
    expect(json).toMatchObject({ _id: series._id, reporter: { iso3: 'CHN' }, source: { agency: 'General Administration of Customs' } })
    expect(json.releases).toHaveLength(2)
    expect(json).not.toHaveProperty('citedBy')
  })
})

describe('presentTradeFact', () => {
  it('notes a revision after publication with the published value and dates', () => {
    const figure = presentTradeFact({ _key: 'f', period: '2021-03', fallbackText: '$12.98 million', series }, '2021-04-19T06:30:00.000Z')
    expect(figure).toMatchObject({
      resolved: true,
      text: '$13.5 million',
      href: '/data/north-korea-imports-from-china#period-2021-03',
      valueAtPublication: 12_978_000,
    })
    expect(figure.resolved && figure.revision && revisionNoteText(figure.revision)).toBe(
      'revised May 20, 2021; $12.98 million when published on April 19, 2021',
    )
    expect(figure.description).toBe(
      "North Korea's imports from China, March 2021: $13.5 million, revised. Source: Chinese customs data, released May 20, 2021.",
    )
  })

  it('has no revision note for an article published after the revision', () => {
    const figure = presentTradeFact({ _key: 'f', period: '2021-03', fallbackText: '$13.5 million', series }, '2021-06-01T00:00:00.000Z')
    expect(figure).toMatchObject({ resolved: true, text: '$13.5 million', revision: undefined })
  })
})
