import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { SanityDocument } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importTradeFile } from '@/lib/tradeImport/importTrade'
import { SEED_DIR, startTestLake, type TestLake } from '../harness/lake'

const FILE = 'china-dprk-monthly-trade-2020-2021.csv'
const TABLE = readFileSync(join(SEED_DIR, 'trade', FILE), 'utf8')
const IMPORTS = 'tradeSeries.chn-prk-x-total-m'
const EXPORTS = 'tradeSeries.chn-prk-m-total-m'
// A cited table dates each value by its report; the release date passed is not used for them.
const RELEASE = '2025-01-01T00:00:00Z'

/** The seed's two series as they are described, without observations, as `npm run seed:trade` creates them. */
const seedSeriesShells = () =>
  readFileSync(join(SEED_DIR, 'data.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as SanityDocument)
    .filter((d) => d._type === 'tradeSeries')
    .map(({ observations: _, ...shell }) => shell as SanityDocument)

describe('importing the cited table into an empty lake', () => {
  let testLake: TestLake
  beforeAll(async () => {
    testLake = await startTestLake({ seeded: false })
  })
  afterAll(() => testLake?.stop())
  const run = (text = TABLE) => importTradeFile(FILE, text, { client: testLake.client, releasedAt: RELEASE })

  it('asks for country names before creating a series it cannot name, and writes nothing', async () => {
    const result = await run()
    expect(result.written).toBe(false)
    expect(result.problems[0]).toMatchObject({ file: FILE, line: 2, field: 'reporter_name' })
    expect(result.problems[0]?.message).toMatch(/needed to create the new series tradeSeries.chn-prk-x-total-m/)
    expect(await testLake.client.fetch('count(*[_type == "tradeSeries"])')).toBe(0)
  })

  it('fills the described series with every cited value, dated by its report, and changes nothing on a second import', async () => {
    const transaction = testLake.client.transaction()
    for (const shell of seedSeriesShells()) transaction.create(shell)
    await transaction.commit()
    const first = await run()
    expect(first.problems).toEqual([])
    expect(first.summary).toEqual({
      series: { create: 0, update: 2, unchanged: 0 },
      observations: { created: 44, revised: 0, recited: 0, unchanged: 0 },
    })
    const imports = await testLake.client.getDocument(IMPORTS)
    expect(imports?.observations.find((o: { period: string }) => o.period === '2021-02')).toEqual({
      _type: 'tradeObservation',
      _key: '2021-02',
      period: '2021-02',
      primaryValue: 3_000,
      status: 'provisional',
      releasedAt: '2021-03-18T00:00:00.000Z',
      approximate: true,
      citation: {
        reportedBy: 'Korea Economic Daily (hankyung.com)',
        reportedOn: '2021-03-18',
        url: 'https://www.hankyung.com/article/202103180239Y',
        note: 'reported as "about $3,000"; the reference story says $3,000',
      },
    })
    // A report known by its month dates the value at the month's last day.
    expect(imports?.observations.find((o: { period: string }) => o.period === '2020-09')).toMatchObject({
      releasedAt: '2020-10-31T00:00:00.000Z',
      citation: { reportedOn: '2020-10' },
    })
    // Missing months stay missing, never zero.
    const periods = (doc: SanityDocument | undefined) => doc?.observations.map((o: { period: string }) => o.period)
    expect(periods(imports)).not.toContain('2020-03')
    expect(periods(await testLake.client.getDocument(EXPORTS))).not.toContain('2020-12')

    const rev = imports?._rev
    const second = await run()
    expect(second.summary.series).toEqual({ create: 0, update: 0, unchanged: 2 })
    expect(second.written).toBe(false)
    expect((await testLake.client.getDocument(IMPORTS))?._rev).toBe(rev)
  })

  it('takes a later report of a different value as a revision, the earlier report kept in history', async () => {
    const later = TABLE.replace(
      '2021-03,156,CHN,408,PRK,X,12978000,false,Asia Economy (asiae.co.kr),2021-04-18,https://www.asiae.co.kr/article/2021041820543724174,"the reference story says $12.98 million"',
      '2021-03,156,CHN,408,PRK,X,13010000,false,Sample Outlet,2021-05-20,https://example.com/sample-revision,sample revision',
    )
    expect(later).not.toBe(TABLE)
    const result = await run(later)
    expect(result.summary.observations).toMatchObject({ revised: 1, created: 0 })
    const march = (await testLake.client.getDocument(IMPORTS))?.observations.find((o: { period: string }) => o.period === '2021-03')
    expect(march).toMatchObject({
      primaryValue: 13_010_000,
      status: 'revised',
      releasedAt: '2021-05-20T00:00:00.000Z',
      citation: { reportedBy: 'Sample Outlet', url: 'https://example.com/sample-revision' },
      history: [
        { primaryValue: 12_978_000, releasedAt: '2021-04-18T00:00:00.000Z', citation: { reportedBy: 'Asia Economy (asiae.co.kr)' } },
      ],
    })
  })

  it('refuses a revision cited to a report no later than the stored one', async () => {
    const earlier = TABLE.replace('2021-03,156,CHN,408,PRK,X,12978000', '2021-03,156,CHN,408,PRK,X,14000000')
    const result = await run(earlier)
    expect(result.written).toBe(false)
    expect(result.problems[0]).toMatchObject({ field: 'reported_on' })
    expect(result.problems[0]?.message).toMatch(/cite the later report/)
  })
})

describe('the seed', () => {
  let testLake: TestLake
  beforeAll(async () => {
    testLake = await startTestLake()
  })
  afterAll(() => testLake?.stop())

  it('holds exactly what importing the cited table gives: importing it again changes nothing', async () => {
    const result = await importTradeFile(FILE, TABLE, { client: testLake.client, releasedAt: RELEASE, dryRun: true })
    expect(result.problems).toEqual([])
    expect(result.summary).toEqual({
      series: { create: 0, update: 0, unchanged: 2 },
      observations: { created: 0, revised: 0, recited: 0, unchanged: 44 },
    })
  })

  it('is what the command line says of the cited table too', async () => {
    const root = resolve(import.meta.dirname, '../..')
    const env = { ...process.env, FACTLINE_LAKE_URL: testLake.lake.url, LAKE_TOKEN: testLake.lake.token, SANITY_PROJECT_ID: '' }
    const { stdout } = await promisify(execFile)(
      join(root, 'node_modules/.bin/tsx'),
      ['scripts/import-trade.ts', join(SEED_DIR, 'trade', FILE), '--dry-run'],
      { cwd: root, env },
    )
    expect(stdout).toContain('= tradeSeries.chn-prk-x-total-m: unchanged')
    expect(stdout).toContain('Would import series: 0 created, 0 updated, 2 unchanged; observations: 0 created, 0 revised, 44 unchanged')
  })
})
