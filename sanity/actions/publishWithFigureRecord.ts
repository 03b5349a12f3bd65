import type { SanityClient } from '@sanity/client'
import { SERIES_FOR_FACTS_QUERY } from '../../lib/content/queries'
import type { FigureRecord } from '../../lib/figures/figureRecord'
import { tradeFactsIn } from '../../lib/figures/presentTradeFact'
import { recordFigures } from '../../lib/figures/publicationRecord'

type ArticleVersion = {
  _id: string
  _rev?: string
  body?: unknown
  publishedAt?: string | null
  publishedFigures?: FigureRecord[] | null
}

/**
 * Publishes an article's draft with its record of what each figure shows, in one transaction of
 * the Actions API (the same on Sanity's lake and the embedded one): the draft gets the record, then
 * is published. Figures already recorded keep their first publication's record; the published
 * version it was read from must still be current, and the draft the one the record was made from.
 */
export async function publishWithFigureRecord(
  client: SanityClient,
  {
    publishedId,
    draft,
    published,
    now = new Date().toISOString(),
  }: { publishedId: string; draft: ArticleVersion; published?: ArticleVersion | null; now?: string },
): Promise<void> {
  const facts = tradeFactsIn(draft.body as never).map((fact) => ({ ...fact, seriesRef: (fact.series as { _ref?: string } | null)?._ref }))
  const ids = [...new Set(facts.flatMap((fact) => fact.seriesRef ?? []))]
  const series = new Map(
    (await client.fetch(SERIES_FOR_FACTS_QUERY, { ids }, { perspective: 'published' })).map((s) => [s._id, s] as const),
  )
  const publishedFigures = recordFigures(
    facts.map((fact) => ({ ...fact, series: fact.seriesRef ? series.get(fact.seriesRef) : undefined })),
    // A story unpublished and published again keeps, in its draft, the record of its first publication.
    { moment: now, recordedAt: now, existing: published?.publishedFigures ?? draft.publishedFigures, publishedAt: draft.publishedAt },
  )
  await client.action([
    {
      actionType: 'sanity.action.document.edit',
      draftId: draft._id,
      publishedId,
      patch: { set: { publishedFigures }, ...(draft._rev ? { ifRevisionID: draft._rev } : {}) },
    },
    {
      actionType: 'sanity.action.document.publish',
      draftId: draft._id,
      publishedId,
      ...(published?._rev ? { ifPublishedRevisionId: published._rev } : {}),
    },
  ])
}
