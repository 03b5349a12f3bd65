import { defineField, defineType } from 'sanity'

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
    defineField({ name: 'series', type: 'reference', to: [{ type: 'tradeSeries' }], validation: (r) => r.required() }),
    defineField({
      name: 'period',
      type: 'string',
      description: 'YYYY-MM for monthly series, YYYY for annual.',
      validation: (r) => r.required().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { name: 'period' }),
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
      validation: (r) => r.required(),
    }),
  ],
  preview: {
    select: { title: 'fallbackText', series: 'series.title', period: 'period' },
    prepare: ({ title, series, period }) => ({ title, subtitle: [series, period].filter(Boolean).join(' · ') }),
  },
})
