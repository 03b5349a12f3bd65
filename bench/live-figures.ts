/**
 * Live figures, measured: (1) time from a committed revision in the lake to a fresh article page,
 * over 20 revisions against a production build; (2) resolving every figure of a synthetic
 * article with 50 figures, each with its value at publication, against a series of 600
 * observations with 5 releases each (synthetic data, not real): once from the article's record
 * of its figures, as published stories resolve, and once derived from the history, as stories
 * from before records resolve. Prints the figures and exits non-zero where a target is missed:
 * median freshness under 5 s, median resolution under 5 ms. `--resolution-only` skips (1).
 */
import type { TradeObservation } from '@/lib/content/sanity.types'
import { formatUsd } from '@/lib/figures/money'
import { presentTradeFact } from '@/lib/figures/presentTradeFact'
import { recordFigures } from '@/lib/figures/publicationRecord'
import { lakeClient } from '../tests/harness/lake'
import { startSite } from '../tests/harness/site'
import { median } from './stats'

const REVISIONS = 20
const FRESHNESS_TARGET_MS = 5_000
const RESOLVE_TARGET_MS = 5
const POLL_MS = 25

const percentile = (xs: number[], p: number) =>
  xs.toSorted((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN

const RELEASES = 5
const PUBLISHED_AT = '2023-06-01T00:00:00Z'

function measureResolution(source: 'record' | 'history') {
  // Four earlier releases in history, a year apart, and the current one: five in all.
  const observations: TradeObservation[] = Array.from({ length: 600 }, (_, i) => ({
    _type: 'tradeObservation',
    period: `${1975 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    primaryValue: 1_000_000 + i * 12_345,
    status: 'final',
    releasedAt: `${2020 + RELEASES - 1}-01-01T00:00:00Z`,
    history: Array.from({ length: RELEASES - 1 }, (_, r) => ({
      _type: 'observationRelease' as const,
      _key: `h${i}-${r}`,
      primaryValue: 1_000_000 + i + r * 1_000,
      status: 'provisional' as const,
      releasedAt: `${2020 + r}-01-01T00:00:00Z`,
    })),
  }))
  const series = {
    _id: 'tradeSeries.synthetic',
    title: 'Synthetic series',
    slug: 'synthetic',
    source: { agency: 'Synthetic' },
    observations,
  }
  const unrecorded = Array.from({ length: 50 }, (_, i) => ({
    _key: `f${i}`,
    period: observations[(i * 11) % 600]?.period,
    show: i % 2 === 0 ? 'value' : 'change',
    fallbackText: 'n/a',
    seriesRef: series._id,
    series,
  }))
  const records = new Map(recordFigures(unrecorded, { moment: PUBLISHED_AT, recordedAt: PUBLISHED_AT }).map((r) => [r._key, r]))
  const facts = source === 'record' ? unrecorded.map((fact) => ({ ...fact, published: records.get(fact._key) })) : unrecorded
  const times: number[] = []
  for (let run = 0; run < 200; run++) {
    const started = performance.now()
    for (const fact of facts) {
      const figure = presentTradeFact(fact, PUBLISHED_AT)
      if (!figure.resolved || figure.valueAtPublication === undefined) throw new Error(`figure ${fact._key} has no value at publication`)
    }
    times.push(performance.now() - started)
  }
  return { median: median(times), p95: percentile(times, 0.95) }
}

async function measureFreshness() {
  const site = await startSite()
  try {
    const lake = lakeClient(site.lake.url, site.lake.token)
    const page = `${site.siteUrl}/articles/nk-imports-from-china-spike-in-march`
    await fetch(page) // warm: the first render is not what is measured here
    const times: number[] = []
    for (let i = 1; i <= REVISIONS; i++) {
      const value = 12_980_000 + i * 10_000
      await lake.patch('tradeSeries.chn-prk-x-total-m').set({ 'observations[_key=="2021-03"].primaryValue': value }).commit()
      const committed = performance.now()
      const expected = `>${formatUsd(value)}<`
      while (!(await (await fetch(page)).text()).includes(expected)) {
        if (performance.now() - committed > 30_000) throw new Error(`revision ${i} did not reach the page in 30 s`)
        await new Promise((r) => setTimeout(r, POLL_MS))
      }
      times.push(performance.now() - committed)
    }
    return { median: median(times), p95: percentile(times, 0.95), max: Math.max(...times) }
  } finally {
    await site.stop()
  }
}

const resolutions = (['record', 'history'] as const).map((source) => {
  const r = measureResolution(source)
  console.log(
    `resolve 50 figures with their value at publication (from the ${source}) against 600 observations × ${RELEASES} releases: median ${r.median.toFixed(3)} ms, p95 ${r.p95.toFixed(3)} ms (target < ${RESOLVE_TARGET_MS} ms; ratio ${(r.median / RESOLVE_TARGET_MS).toFixed(3)})`,
  )
  return r
})
const resolutionMissed = resolutions.some((r) => r.median >= RESOLVE_TARGET_MS)
if (process.argv.includes('--resolution-only')) process.exit(resolutionMissed ? 1 : 0)
const freshness = await measureFreshness()
console.log(
  `revision → fresh article page (${REVISIONS} revisions, polled every ${POLL_MS} ms): median ${freshness.median.toFixed(0)} ms, p95 ${freshness.p95.toFixed(0)} ms, max ${freshness.max.toFixed(0)} ms (target < ${FRESHNESS_TARGET_MS} ms; ratio ${(freshness.median / FRESHNESS_TARGET_MS).toFixed(3)})`,
)
const missed = resolutionMissed || freshness.median >= FRESHNESS_TARGET_MS
process.exit(missed ? 1 : 0)
