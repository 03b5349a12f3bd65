import { defineField, defineType } from 'sanity'
import { TradeFactPreview, type TradeFactPreviewValues } from '../components/TradeFactPreview'
import { factPointsAtData, fallbackMatchesData } from './figureChecks'

/** What a trade fact shows. One list, so a new kind fails to compile until it is rendered. */
export const TRADE_FACT_KINDS = ['value', 'change', 'share'] as const

/**
 * A figure in the prose, bound to one observation of a trade series. The editor's typed text is
 * the fallback shown (marked unverified) when the data cannot be resolved.
 */
export const tradeFactType = defineType({
  name: 'tradeFact',
  title: 'Trade fact',
  type: 'object',
  fields: [
    defineField({
      name: 'series',
      type: 'reference',
      to: [{ type: 'tradeSeries' }],
      validation: (r) => r.required().error('Choose the data series this figure comes from.'),
    }),
    defineField({
      name: 'period',
      type: 'string',
      description: 'YYYY-MM for monthly series, YYYY for annual.',
      validation: (r) =>
        r
          .required()
          .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { name: 'period' })
          .error('Give the period as YYYY-MM for a month (2021-03) or YYYY for a year.'),
    }),
    defineField({
      name: 'show',
      type: 'string',
      initialValue: 'value',
      options: { list: [...TRADE_FACT_KINDS], layout: 'radio' },
      validation: (r) => r.required(),
    }),
    defineField({
      name: 'comparePeriod',
      title: 'Compare with period',
      type: 'string',
      description: 'For a change: the period to compare with (YYYY-MM or YYYY).',
      hidden: ({ parent }) => parent?.show !== 'change',
    }),
    defineField({
      name: 'fallbackText',
      title: 'Text as typed',
      type: 'string',
      description: 'Shown, marked unverified, if the data cannot be resolved.',
      validation: (r) => r.required().error('Type the figure as the story says it, e.g. $12.98 million.'),
    }),
  ],
  validation: (r) => [r.custom(factPointsAtData), r.custom(fallbackMatchesData).warning()],
  preview: {
    // A preview follows the reference: the series' own _id, not the reference's _ref.
    select: { title: 'fallbackText', series: 'series.title', period: 'period', seriesId: 'series._id' },
    prepare: prepareTradeFactPreview,
  },
  components: { preview: TradeFactPreview },
})

/** Lists show the text as typed with its series and period; the values pass on to the inline preview. */
export function prepareTradeFactPreview({
  title,
  series,
  period,
  seriesId,
}: {
  title?: string
  series?: string
  period?: string
  seriesId?: string
}): { title?: string; subtitle: string } & TradeFactPreviewValues {
  // A series with unpublished edits previews as its draft; figures cite the published series.
  const publishedId = seriesId?.replace(/^drafts\./, '')
  return { title, subtitle: [series, period].filter(Boolean).join(' · '), seriesId: publishedId, period, fallbackText: title }
}
