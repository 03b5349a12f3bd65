/**
 * Writes into the seed (sanity/seed/data.ndjson) the publication record of its stories: what each
 * figure showed when the story was published, from the seed's own series as they stood at its
 * `publishedAt` (lib/figures/publicationRecord, the function the Studio's publish action uses).
 * Run it again after changing the seed's series: `npm run seed:record [-- ARTICLE_ID ...]`
 * (default: the reference story). Only the named articles' lines change.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { tradeFactsIn } from '@/lib/figures/presentTradeFact'
import { recordFigures } from '@/lib/figures/publicationRecord'
import type { SeriesForFacts } from '@/lib/figures/resolveTradeFact'

const SEED = resolve(import.meta.dirname, '../sanity/seed/data.ndjson')
const REFERENCE_STORY = 'article.nk-imports-from-china-spike-in-march'

type SeedDocument = Record<string, unknown> & { _id: string; _type: string }
const lines = readFileSync(SEED, 'utf8').split('\n').filter(Boolean)
const documents = lines.map((line) => JSON.parse(line) as SeedDocument)
const series = new Map(
  documents
    .filter((doc) => doc._type === 'tradeSeries')
    .map((doc): [string, SeriesForFacts] => [
      doc._id,
      { ...doc, slug: (doc.slug as { current?: string } | undefined)?.current } as SeriesForFacts,
    ]),
)

const ids = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [REFERENCE_STORY]
const recorded = documents.map((doc) => {
  if (!ids.includes(doc._id)) return doc
  const publishedAt = doc.publishedAt
  if (doc._type !== 'article' || typeof publishedAt !== 'string') throw new Error(`${doc._id} is not a published article`)
  const facts = tradeFactsIn(doc.body as never).map((fact) => {
    const ref = (fact.series as unknown as { _ref?: string } | null)?._ref
    return { ...fact, seriesRef: ref, series: ref ? series.get(ref) : undefined }
  })
  const publishedFigures = recordFigures(facts, { moment: publishedAt, recordedAt: publishedAt, existing: [] })
  const unrecorded = facts.length - publishedFigures.length
  console.log(`${doc._id}: ${publishedFigures.length} figures recorded${unrecorded ? `, ${unrecorded} that do not resolve left out` : ''}`)
  return { ...doc, publishedFigures }
})
for (const id of ids) if (!documents.some((doc) => doc._id === id)) throw new Error(`No document ${id} in the seed`)
writeFileSync(SEED, `${recorded.map((doc) => JSON.stringify(doc)).join('\n')}\n`)
