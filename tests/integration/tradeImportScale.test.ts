import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { type AddressInfo, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import type { SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createContentClient } from '@/lib/content/client'
import areas from '@/lib/tradeImport/comtradeAreas.json'
import { importTradeFile } from '@/lib/tradeImport/importTrade'
import { type RunningLake, startLake } from '../../sanity/lake/lake'

const root = resolve(import.meta.dirname, '../..')
const HEADER = 'freqCode,period,reporterCode,reporterISO,reporterDesc,flowCode,partnerCode,partnerISO,partnerDesc,cmdCode,primaryValue'
const PARTNERS = areas.areas.filter(([, iso3]) => iso3 !== 'CHN') as [number, string, string][]

/** China's monthly exports to `count` partners (TOTAL, then HS 27 once the partners run out), two months each. */
function exportsCsv(count: number, value: (series: number) => number = () => 1_000_000): string {
  const lines = [HEADER]
  for (let s = 0; s < count; s++) {
    const [code, iso3, name] = PARTNERS[s % PARTNERS.length] as [number, string, string]
    const cmd = s < PARTNERS.length ? 'TOTAL' : '27'
    for (const period of ['202401', '202402']) lines.push(`M,${period},156,CHN,China,X,${code},${iso3},"${name}",${cmd},${value(s)}`)
  }
  return lines.join('\n')
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  server.close()
  await once(server, 'close')
  return port
}

const seriesCount = (client: SanityClient) => client.fetch<number>('count(*[_type == "tradeSeries"])')

describe('the trade importer at a data desk scale, against an empty lake', () => {
  let dir: string
  let lake: RunningLake
  let client: SanityClient

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'factline-import-scale-'))
    lake = await startLake({ port: 0, dataDir: join(dir, 'lake') })
    client = createContentClient({ projectId: 'local', dataset: 'production', apiHost: lake.url, token: lake.token })
  })
  afterAll(async () => {
    await lake?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('looks up and writes 300 series (past the 245 where one GET of every id was refused), dry run first', async () => {
    const text = exportsCsv(300)
    const dry = await importTradeFile('many.csv', text, { client, releasedAt: '2024-03-15T00:00:00Z', dryRun: true })
    expect(dry.problems).toEqual([])
    expect(dry.summary.series.create).toBe(300)
    expect(await seriesCount(client)).toBe(0)

    const written: number[] = []
    const result = await importTradeFile('many.csv', text, {
      client,
      releasedAt: '2024-03-15T00:00:00Z',
      onProgress: (p) => written.push(p.values),
    })
    expect(result.summary.observations.created).toBe(600)
    expect(await seriesCount(client)).toBe(300)
    // The bar ends at what was written, not short of it.
    expect(written.at(-1)).toBe(600)
  })

  it('changes nothing when the same file is imported again', async () => {
    const before = await client.fetch<string[]>('*[_type == "tradeSeries"] | order(_id) ._rev')
    const again = await importTradeFile('many.csv', exportsCsv(300), { client, releasedAt: '2024-03-15T00:00:00Z' })
    expect(again.summary.series).toEqual({ create: 0, update: 0, unchanged: 300 })
    expect(again.written).toBe(false)
    expect(await client.fetch<string[]>('*[_type == "tradeSeries"] | order(_id) ._rev')).toEqual(before)
  })

  it('finishes an interrupted import when run again, writing each series once', async () => {
    const text = exportsCsv(300, (s) => 2_000_000 + s)
    let commits = 0
    // The lake goes away after the first transaction is committed.
    const failing = new Proxy(client, {
      get: (target, name) =>
        name === 'transaction'
          ? () => {
              const transaction = target.transaction()
              const commit = transaction.commit.bind(transaction)
              return Object.assign(transaction, {
                commit: (...args: Parameters<typeof commit>) =>
                  ++commits > 1 ? Promise.reject(new Error('socket hang up')) : commit(...args),
              })
            }
          : (Reflect.get(target, name).bind?.(target) ?? Reflect.get(target, name)),
    })
    await expect(importTradeFile('revised.csv', text, { client: failing, releasedAt: '2024-04-15T00:00:00Z' })).rejects.toThrow(
      'socket hang up',
    )
    const resumed = await importTradeFile('revised.csv', text, { client, releasedAt: '2024-04-15T00:00:00Z' })
    expect(resumed.summary.series.unchanged).toBeGreaterThan(0)
    expect(resumed.summary.series.update).toBeGreaterThan(0)
    expect(resumed.summary.series.unchanged + resumed.summary.series.update).toBe(300)
    const values = await client.fetch<number[]>('*[_type == "tradeSeries"] | order(_id) .observations[period == "2024-01"][0].primaryValue')
    expect(new Set(values).has(1_000_000)).toBe(false)
    const histories = await client.fetch<number[]>('*[_type == "tradeSeries"]{"n": count(observations[period == "2024-01"][0].history)}.n')
    expect(new Set(histories)).toEqual(new Set([1]))
  })

  it('refuses an older release over a newer one, and a revision without a release date, writing nothing', async () => {
    const before = await client.fetch<string[]>('*[_type == "tradeSeries"] | order(_id) ._rev')
    const older = await importTradeFile(
      'march.csv',
      exportsCsv(3, () => 5),
      { client, releasedAt: '2024-03-20T00:00:00Z' },
    )
    expect(older.problems).toHaveLength(6)
    expect(older.problems[0]).toMatchObject({ file: 'march.csv', line: 2, field: 'period' })
    expect(older.problems[0]?.message).toMatch(/release date \(2024-03-20T00:00:00.000Z\) no later than the stored one \(2024-04-15/)
    const undated = await importTradeFile(
      'undated.csv',
      exportsCsv(1, () => 7),
      { client },
    )
    expect(undated.problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'released-at'],
      [3, 'released-at'],
    ])
    expect(await client.fetch<string[]>('*[_type == "tradeSeries"] | order(_id) ._rev')).toEqual(before)
  })

  it("dates values by the file's lastReleased column where it has one", async () => {
    const dated = (value: number, released: string) =>
      `${HEADER},lastReleased\nM,202401,156,CHN,China,X,4,AFG,Afghanistan,TOTAL,${value},${released}`
    const older = await importTradeFile('old.csv', dated(9, '2024-04-01'), { client })
    expect(older.problems[0]?.message).toMatch(/no later than the stored one/)
    const newer = await importTradeFile('new.csv', dated(9, '2024-05-02'), { client })
    expect(newer.problems).toEqual([])
    expect(newer.datedByImport).toBeUndefined()
    const stored = await client.fetch('*[_id == "tradeSeries.chn-afg-x-total-m"][0].observations[period == "2024-01"][0]')
    expect(stored).toMatchObject({ primaryValue: 9, status: 'revised', releasedAt: '2024-05-02T00:00:00.000Z' })
  })

  it('refuses a new series whose slug another series has', async () => {
    await client.create({
      _id: 'tradeSeries.hand-made',
      _type: 'tradeSeries',
      title: 'Made by hand',
      slug: { _type: 'slug', current: 'china-exports-to-france-commodity-99' },
    })
    const file = `${HEADER}\nM,202401,156,CHN,China,X,251,FRA,France,99,1`
    const result = await importTradeFile('france.csv', file, { client, releasedAt: '2024-03-15T00:00:00Z' })
    expect(result.problems).toEqual([
      {
        file: 'france.csv',
        line: 2,
        field: 'slug',
        message:
          'the new series tradeSeries.chn-fra-x-99-m would be at /data/china-exports-to-france-commodity-99, which tradeSeries.hand-made already has; rename one of them in the Studio first',
      },
    ])
    expect(await client.getDocument('tradeSeries.chn-fra-x-99-m')).toBeUndefined()
  })

  describe('from the command line', () => {
    const cli = (args: string[], env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/import-trade.ts', ...args], {
        cwd: root,
        env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
      )
    const atLake = () => ({ LAKE_PORT: String(lake.port), LAKE_DATA_DIR: join(dir, 'lake') })

    it.each([
      ['no file', [], {}, 2, 'No file given.'],
      ['a missing file', ['nowhere.csv'], {}, 2, 'Cannot read nowhere.csv: no such file'],
      ['an unknown option', ['a.csv', '--force'], {}, 2, "Unknown option '--force'"],
      ['no token', ['ok.csv'], { LAKE_DATA_DIR: '/nonexistent-lake' }, 2, 'keeps one in /nonexistent-lake/token, which does not exist'],
      ['no lake', ['ok.csv'], 'closed port', 3, 'No content lake answers at http://127.0.0.1:'],
      ['a wrong token', ['ok.csv'], 'wrong token', 3, 'The lake refused the import (401)'],
      ['a bad file', ['bad.csv'], 'lake', 1, 'bad.csv, line 2, field reporterISO: is CHM, but reporterCode 156 is'],
    ] as const)('exits with a message, never a stack trace, for %s', async (_, args, env, code, message) => {
      await writeFile(join(dir, 'ok.csv'), exportsCsv(1))
      await writeFile(join(dir, 'bad.csv'), `${HEADER}\nM,202401,156,CHM,China,X,251,FRA,France,TOTAL,1`)
      const run = await cli(
        args.map((a) => (a.endsWith('.csv') && a !== 'nowhere.csv' ? join(dir, a) : a)),
        env === 'lake'
          ? atLake()
          : env === 'wrong token'
            ? { ...atLake(), LAKE_TOKEN: 'not-the-token' }
            : env === 'closed port'
              ? { LAKE_PORT: String(await closedPort()), LAKE_TOKEN: 'any' }
              : env,
      )
      expect(run.code).toBe(code)
      expect(run.stderr).toContain(message)
      expect(run.stderr).not.toMatch(/\n\s+at /)
    })

    it('prints its help, with the exit codes', async () => {
      const run = await cli(['--help'], {})
      expect(run.code).toBe(0)
      expect(run.stdout).toContain('usage: npm run import:trade -- FILE')
      expect(run.stdout).toContain('Exit codes: 0 imported, 1 file rejected')
    })

    it('finds the lake by LAKE_PORT and its token in an absolute LAKE_DATA_DIR', async () => {
      const file = join(dir, 'port.csv')
      await writeFile(file, `${HEADER}\nM,202401,156,CHN,China,X,842,USA,USA,98,123`)
      const run = await cli([file, '--released-at', '2024-03-15T00:00:00Z'], atLake())
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(run.stdout).toContain(`series: 1 created`)
      expect(run.stdout).toContain(`into the embedded lake at http://127.0.0.1:${lake.port}`)
      expect(await client.getDocument('tradeSeries.chn-usa-x-98-m')).toMatchObject({ partner: { m49: 842, iso3: 'USA' } })
    })
  })
})
