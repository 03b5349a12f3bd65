import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContentClient } from '@/lib/content/client'
import { importTradeFile } from '@/lib/tradeImport/importTrade'
import { startLake } from '../../sanity/lake/lake'

const root = resolve(import.meta.dirname, '../..')
const IMPORTS_FROM_CHINA = 'tradeSeries.chn-prk-x-total-m'
const HEADER =
  'typeCode,freqCode,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,cmdCode,primaryValue'
const line = (flow: string, period: string, value: number | string) =>
  `C,M,${period},156,CHN,China,${flow},408,PRK,Dem. People's Rep. of Korea,TOTAL,${value}`

/** March 2021 as the seed has it and January 2022 for both seed series, and a new series of China's imports of crude oil. */
const APRIL_RELEASE = [
  HEADER,
  line('X', '202103', 12_978_000),
  line('X', '202201', 21_520_000),
  line('M', '202103', 1_308_000),
  line('M', '202201', 2_030_000),
  `C,M,202201,156,CHN,China,M,408,PRK,Dem. People's Rep. of Korea,2709,0`,
].join('\n')

describe('the trade data importer against the embedded lake', () => {
  let lake: Awaited<ReturnType<typeof startLake>>
  let client: SanityClient
  let dir: string

  const series = (id: string) => client.getDocument(id)
  const run = (file: string, text: string, releasedAt: string, dryRun = false) =>
    importTradeFile(file, text, { client, releasedAt, dryRun })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factline-import-'))
    lake = await startLake({ port: 0, dataDir: join(dir, 'lake'), seedDir: join(root, 'sanity/seed') })
    client = createContentClient({ projectId: 'local', dataset: 'production', apiHost: lake.url, token: lake.token })
  })
  afterAll(async () => {
    await lake?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('adds new periods to the seed series and creates new series, matching rather than duplicating', async () => {
    const result = await run('april.csv', APRIL_RELEASE, '2022-02-18T02:00:00Z')
    expect(result.problems).toEqual([])
    expect(result.summary).toEqual({
      series: { create: 1, update: 2, unchanged: 0 },
      observations: { created: 3, revised: 0, recited: 0, unchanged: 2 },
    })
    const imports = await series(IMPORTS_FROM_CHINA)
    expect(imports?.observations).toHaveLength(23)
    expect(imports?.observations.at(-1)).toMatchObject({
      period: '2022-01',
      primaryValue: 21_520_000,
      status: 'provisional',
      releasedAt: '2022-02-18T02:00:00.000Z',
    })
    expect(imports?.title).toBe("North Korea's imports from China")
    const oil = await series('tradeSeries.chn-prk-m-2709-m')
    expect(oil).toMatchObject({ reporter: { iso3: 'CHN', m49: 156 }, flowCode: 'M', cmdCode: '2709', currency: 'USD' })
    expect(await client.fetch('count(*[_type == "tradeSeries"])')).toBe(3)
  })

  it('changes nothing when the same file is imported again', async () => {
    const before = await series(IMPORTS_FROM_CHINA)
    const result = await run('april.csv', APRIL_RELEASE, '2022-02-19T02:00:00Z')
    expect(result.summary.series).toEqual({ create: 0, update: 0, unchanged: 3 })
    expect(result.written).toBe(false)
    expect((await series(IMPORTS_FROM_CHINA))?._rev).toBe(before?._rev)
  })

  it('records a changed value as a revision, keeping the published value, its release date and its citation in history', async () => {
    const revised = JSON.stringify({ data: [{ ...jsonRow('X', '202103', 13_100_000) }] }, null, 2)
    const result = await run('revised.json', revised, '2021-06-18T02:00:00Z')
    expect(result.summary.observations).toEqual({ created: 0, revised: 1, recited: 0, unchanged: 0 })
    const march = (await series(IMPORTS_FROM_CHINA))?.observations.find((o: { period: string }) => o.period === '2021-03')
    expect(march).toMatchObject({
      primaryValue: 13_100_000,
      status: 'revised',
      releasedAt: '2021-06-18T02:00:00.000Z',
      history: [
        {
          primaryValue: 12_978_000,
          status: 'provisional',
          releasedAt: '2021-04-18T00:00:00.000Z',
          citation: { reportedBy: 'Asia Economy (asiae.co.kr)', reportedOn: '2021-04-18' },
        },
      ],
    })
    // The new value comes from an agency release, not a report.
    expect(march.citation).toBeUndefined()
    expect(march.approximate).toBeUndefined()
  })

  it('prints the diff and writes nothing on a dry run', async () => {
    const before = await series(IMPORTS_FROM_CHINA)
    const result = await run('dry.json', JSON.stringify([jsonRow('X', '202103', 14_000_000)]), '2021-07-18T02:00:00Z', true)
    expect(result.plans[0]?.changes).toEqual([{ period: '2021-03', kind: 'revised', value: 14_000_000, previous: 13_100_000 }])
    expect(result.written).toBe(false)
    expect((await series(IMPORTS_FROM_CHINA))?._rev).toBe(before?._rev)
  })

  it('rejects a malformed file whole, naming file, line and field, and writes nothing', async () => {
    const before = await client.fetch('*[_type == "tradeSeries"]{_id, _rev}')
    const malformed = [HEADER, line('X', '202105', 30_000_000), line('X', '202106', 'n/a')].join('\n')
    const result = await run('malformed.csv', malformed, '2021-07-18T02:00:00Z')
    expect(result.problems).toEqual([
      { file: 'malformed.csv', line: 3, field: 'primaryValue', message: 'must be a number of US dollars, got "n/a"' },
    ])
    expect(result.written).toBe(false)
    expect(await client.fetch('*[_type == "tradeSeries"]{_id, _rev}')).toEqual(before)
  })

  it('refuses a revision dated no later than the stored release', async () => {
    const result = await run('old.json', JSON.stringify([jsonRow('X', '202103', 1)]), '2021-01-01T00:00:00Z')
    expect(result.problems[0]).toMatchObject({ file: 'old.json', line: 1, field: 'period' })
    expect(result.written).toBe(false)
  })

  it('refuses a series whose stored reporter differs', async () => {
    await client.patch(IMPORTS_FROM_CHINA).set({ 'reporter.m49': 999 }).commit()
    const result = await run('x.json', JSON.stringify([jsonRow('X', '202108', 1)]), '2021-09-01T00:00:00Z')
    expect(result.problems[0]).toMatchObject({ field: 'reporterCode' })
    expect(result.problems[0]?.message).toMatch(/stored series tradeSeries.chn-prk-x-total-m has 999/)
    await client.patch(IMPORTS_FROM_CHINA).set({ 'reporter.m49': 156 }).commit()
  })

  it('does not overwrite an edit made while it was importing', async () => {
    // An editor's edit lands after each of the importer's reads, so before its write.
    const fetch = async (...args: Parameters<SanityClient['fetch']>) => {
      const documents = await client.fetch(...args)
      await client.patch(IMPORTS_FROM_CHINA).set({ note: 'Edited while importing' }).commit()
      return documents
    }
    const racingClient = new Proxy(client, {
      get: (target, name) => (name === 'fetch' ? fetch : (Reflect.get(target, name).bind?.(target) ?? Reflect.get(target, name))),
    })
    const text = JSON.stringify([jsonRow('X', '202203', 5_000_000)])
    const write = importTradeFile('race.json', text, { client: racingClient, releasedAt: '2021-08-18T02:00:00Z' })
    await expect(write).rejects.toThrow(/revision/i)
    const after = await series(IMPORTS_FROM_CHINA)
    expect(after?.note).toBe('Edited while importing')
    expect(after?.observations.map((o: { period: string }) => o.period)).not.toContain('2022-03')
  })

  it('runs from the command line: dry run prints the diff, a bad file exits 1 with the line named', async () => {
    const env = { ...process.env, FACTLINE_LAKE_URL: lake.url, LAKE_TOKEN: lake.token, SANITY_PROJECT_ID: '' }
    const cli = (...args: string[]) =>
      promisify(execFile)(join(root, 'node_modules/.bin/tsx'), ['scripts/import-trade.ts', ...args], { cwd: root, env })
    const good = join(dir, 'may.csv')
    await writeFile(good, [HEADER, line('X', '202202', 25_000_000)].join('\n'))
    const dry = await cli(good, '--dry-run', '--released-at', '2022-03-18T02:00:00Z')
    expect(dry.stdout).toContain(`~ ${IMPORTS_FROM_CHINA}\n    + 2022-02: $25 million`)
    expect(dry.stdout).toContain('Dry run, nothing written. Would import series: 0 created, 1 updated, 0 unchanged')
    const bad = join(dir, 'bad.csv')
    await writeFile(bad, [HEADER, line('X', '2021-5', 1)].join('\n'))
    const failure = await cli(bad).catch((err: { code: number; stderr: string }) => err)
    expect(failure).toMatchObject({ code: 1 })
    expect((failure as { stderr: string }).stderr).toContain(`${bad}, line 2, field period: must be a month as YYYYMM`)
  })
})

function jsonRow(flowCode: string, period: string, primaryValue: number) {
  return {
    freqCode: 'M',
    period,
    reporterCode: 156,
    reporterISO: 'CHN',
    reporterDesc: 'China',
    flowCode,
    partnerCode: 408,
    partnerISO: 'PRK',
    partnerDesc: "Dem. People's Rep. of Korea",
    cmdCode: 'TOTAL',
    primaryValue,
  }
}
