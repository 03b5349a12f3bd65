import { defineField, defineType } from 'sanity'
import { MAX_PRECISION_DIGITS, PRECISION_RULES } from '../../lib/figures/money'
import { PERIOD_PATTERN } from '../../lib/figures/period'
import { TradeFactPreview, type TradeFactPreviewValues } from '../components/TradeFactPreview'
import { claimNamesItsPeriods, factPointsAtData, fallbackMatchesData } from './figureChecks'

/**
 * What a trade fact shows: a value, a change, or a claim checked against the series ("the
 * highest level since September 2020"). One list, so a new kind fails to compile until it is read.
 */
export const TRADE_FACT_KINDS = ['value', 'change', 'highestSince'] as const

const KIND_TITLES: Record<(typeof TRADE_FACT_KINDS)[number], string> = {
  value: 'Value',
  change: 'Change',
  highestSince: 'Claim: highest since',
}

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
          .regex(PERIOD_PATTERN, { name: 'period' })
          .error('Give the period as YYYY-MM for a month (2021-03) or YYYY for a year.'),
    }),
    defineField({
      name: 'show',
      type: 'string',
      initialValue: 'value',
      options: { list: TRADE_FACT_KINDS.map((value) => ({ value, title: KIND_TITLES[value] })), layout: 'radio' },
      validation: (r) => r.required(),
    }),
    defineField({
      name: 'comparePeriod',
      title: 'Compare with period',
      type: 'string',
      description:
        'For a change: the period to compare with (YYYY-MM or YYYY; the period before if empty). For a claim: the period since which this one is the highest.',
      hidden: ({ parent }) => parent?.show === 'value',
    }),
    defineField({
      name: 'precision',
      title: 'Display precision',
      type: 'object',
      description: 'How finely readers see the value. Empty: house style, at most two decimals of a million.',
      hidden: ({ parent }) => parent?.show === 'highestSince',
      options: { columns: 2 },
      fields: [
        defineField({
          name: 'rule',
          type: 'string',
          // No initial value: a fact without a precision is in house style, and a half-filled
          // precision would hold the story back.
          options: {
            list: [
              { value: PRECISION_RULES[0], title: 'Decimals of the unit ($18.9 million: 1)' },
              { value: PRECISION_RULES[1], title: 'Significant figures ($18.9 million: 3)' },
            ],
            layout: 'radio',
          },
          validation: (r) => r.required(),
        }),
        defineField({
          name: 'digits',
          type: 'number',
          validation: (r) => r.required().integer().min(0).max(MAX_PRECISION_DIGITS),
        }),
      ],
    }),
    defineField({
      name: 'fallbackText',
      title: 'Text as typed',
      type: 'string',
      description: 'Shown, marked unverified, if the data cannot be resolved.',
      validation: (r) => r.required().error('Type the figure as the story says it, e.g. $12.98 million.'),
    }),
  ],
  validation: (r) => [r.custom(claimNamesItsPeriods), r.custom(factPointsAtData), r.custom(fallbackMatchesData).warning()],
  preview: {
    // A preview follows the reference: the series' own _id, not the reference's _ref.
    select: {
      title: 'fallbackText',
      series: 'series.title',
      period: 'period',
      seriesId: 'series._id',
      show: 'show',
      comparePeriod: 'comparePeriod',
      precision: 'precision',
    },
    prepare: prepareTradeFactPreview,
  },
  components: { preview: TradeFactPreview },
})

/** Lists show the text as typed with its series and period; the values pass on to the inline preview. */
export function prepareTradeFactPreview({
  title,
  series,
  seriesId,
  ...figure
}: { title?: string; series?: string; seriesId?: string } & Omit<TradeFactPreviewValues, 'seriesId' | 'fallbackText'>): {
  title?: string
  subtitle: string
} & TradeFactPreviewValues {
  // A series with unpublished edits previews as its draft; figures cite the published series.
  const publishedId = seriesId?.replace(/^drafts\./, '')
  const claim = figure.show === 'highestSince' && `highest since ${figure.comparePeriod ?? '?'}`
  return {
    title,
    subtitle: [series, figure.period, claim].filter(Boolean).join(' · '),
    seriesId: publishedId,
    fallbackText: title,
    ...figure,
  }
}
