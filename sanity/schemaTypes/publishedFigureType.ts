import { defineArrayMember, defineField, defineType } from 'sanity'
import { OBSERVATION_STATUSES } from './tradeObservationType'

/**
 * What one figure of a story showed when the story was first published, written by the publish
 * action (sanity/actions/publishWithFigureRecord.ts) in the publish's own transaction. Keyed by the
 * trade fact's `_key`. Unlike an observation's history, no later write to the series can reach it.
 */
export const publishedFigureType = defineType({
  name: 'publishedFigure',
  title: 'Published figure',
  type: 'object',
  readOnly: true,
  fields: [
    defineField({ name: 'seriesId', title: 'Series id', type: 'string' }),
    defineField({ name: 'seriesTitle', title: 'Series', type: 'string' }),
    defineField({ name: 'seriesSlug', title: 'Series slug', type: 'string' }),
    defineField({ name: 'sourceName', title: 'Source', type: 'string' }),
    defineField({ name: 'period', type: 'string' }),
    defineField({ name: 'show', type: 'string' }),
    defineField({ name: 'comparePeriod', title: 'Compare with period', type: 'string' }),
    defineField({ name: 'text', title: 'Text shown', type: 'string' }),
    defineField({
      name: 'readings',
      title: 'Values read',
      description: 'The figure’s own period first; for a change, the period it was compared with second.',
      type: 'array',
      of: [
        defineArrayMember({
          name: 'figureReading',
          type: 'object',
          fields: [
            defineField({ name: 'period', type: 'string' }),
            defineField({ name: 'primaryValue', title: 'Value (USD)', type: 'number' }),
            defineField({ name: 'status', type: 'string', options: { list: [...OBSERVATION_STATUSES] } }),
            defineField({ name: 'releasedAt', title: 'Released at', type: 'datetime' }),
          ],
        }),
      ],
    }),
    defineField({ name: 'recordedAt', title: 'Recorded at', type: 'datetime' }),
  ],
  preview: {
    select: { title: 'text', series: 'seriesTitle', period: 'period' },
    prepare: ({ title, series, period }) => ({ title, subtitle: [series, period].filter(Boolean).join(' · ') }),
  },
})
