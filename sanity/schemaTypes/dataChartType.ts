import { defineField, defineType } from 'sanity'
import { PERIOD_PATTERN } from '../../lib/figures/period'

/** A chart of a window of one series' periods, placed between paragraphs. */
export const dataChartType = defineType({
  name: 'dataChart',
  title: 'Data chart',
  type: 'object',
  fields: [
    defineField({ name: 'series', type: 'reference', to: [{ type: 'tradeSeries' }], validation: (r) => r.required() }),
    defineField({
      name: 'fromPeriod',
      title: 'From period',
      type: 'string',
      validation: (r) => r.regex(PERIOD_PATTERN, { name: 'period' }),
    }),
    defineField({ name: 'toPeriod', title: 'To period', type: 'string', validation: (r) => r.regex(PERIOD_PATTERN, { name: 'period' }) }),
    defineField({ name: 'caption', type: 'string', validation: (r) => r.required() }),
  ],
  preview: {
    select: { title: 'caption', series: 'series.title' },
    prepare: ({ title, series }) => ({ title, subtitle: `Chart · ${series ?? ''}` }),
  },
})
