/**
 * Claims, measured: (1) checking "highest since" claims against a synthetic series of 600 monthly
 * observations (synthetic data, not real), for windows of 12, 120 and 599 months, and 50 claims
 * of an article at once; (2) what a story's query fetches for its figures against the seeded
 * reference story: observations per figure and in all, against the whole series.
 * Prints the figures; no target fails it.
 */

import { ARTICLE_QUERY } from '@/lib/content/queries'
import type { TradeObservation } from '@/lib/content/sanity.types'
import { checkHighestSince } from '@/lib/figures/compare'
import { tradeFactsIn } from '@/lib/figures/presentTradeFact'
import { startTestLake } from '../tests/harness/lake'
import { median } from './stats'

const months = Array.from({ length: 600 }, (_, i) => `${1975 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`)
const last = months[599] ?? ''
const valueAt = (i: number) => 1_000_000_000 - i * 1_000

/** A series that falls for 599 months and then rises back to the level of `window` months before: the claim holds. */
const seriesFor = (window: number): TradeObservation[] =>
  months.map((period, i) => ({ _type: 'tradeObservation', period, primaryValue: valueAt(i === 599 ? 599 - window : i), status: 'final' }))

function timeChecks(window: number, claims: number, runs = 200): number {
  const since = months[599 - window] ?? ''
  const observations = seriesFor(window)
  const times: number[] = []
  for (let run = 0; run < runs; run++) {
    const started = performance.now()
    for (let c = 0; c < claims; c++)
      if (checkHighestSince(observations, last, since).verdict !== 'supported') throw new Error('claim should hold')
    times.push(performance.now() - started)
  }
  return median(times)
}

for (const window of [12, 120, 599])
  console.log(`one claim, ${window}-month window, 600 observations: median ${timeChecks(window, 1).toFixed(3)} ms`)
console.log(`50 claims of 120 months each, 600 observations: median ${timeChecks(120, 50, 50).toFixed(2)} ms`)

const lake = await startTestLake()
try {
  const story = await lake.client.fetch(ARTICLE_QUERY, { slug: 'nk-imports-from-china-spike-in-march' })
  const facts = tradeFactsIn(story?.body)
  const fetched = facts.map((f) => `${f.show ?? 'value'} ${f.period}: ${f.series?.observations?.length ?? 0}`)
  const whole = await lake.client.fetch<number>('count(*[_id == "tradeSeries.chn-prk-x-total-m"][0].observations)')
  const total = facts.reduce((n, f) => n + (f.series?.observations?.length ?? 0), 0)
  console.log(`reference story: observations fetched per figure: ${fetched.join('; ')}`)
  console.log(`reference story: ${total} observations fetched for ${facts.length} figures; a whole series holds ${whole}`)
} finally {
  await lake.stop()
}
