import { defineArrayMember, defineField, defineType } from 'sanity'

/**
 * A UN Comtrade-compatible series: one reporter, partner, flow and commodity, in USD. "North
 * Korea's imports from China" is China's reported exports to North Korea (mirror statistics), so
 * the series carries both the subject wording and the source wording.
 */
export const tradeSeriesType = defineType({
  name: 'tradeSeries',
  title: 'Trade series',
  type: 'document',
  fields: [
    defineField({
      name: 'title',
      title: 'Subject wording',
      type: 'string',
      description: "e.g. North Korea's imports from China",
      validation: (r) => r.required(),
    }),
    defineField({ name: 'slug', type: 'slug', options: { source: 'title' }, validation: (r) => r.required() }),
    defineField({ name: 'reporter', type: 'country', validation: (r) => r.required() }),
    defineField({ name: 'partner', type: 'country', validation: (r) => r.required() }),
    defineField({
      name: 'flowCode',
      title: 'Flow',
      type: 'string',
      options: {
        list: [
          { title: 'Export', value: 'X' },
          { title: 'Import', value: 'M' },
        ],
      },
      validation: (r) => r.required(),
    }),
    defineField({ name: 'cmdCode', title: 'Commodity code', type: 'string', initialValue: 'TOTAL', validation: (r) => r.required() }),
    defineField({
      name: 'freqCode',
      title: 'Frequency',
      type: 'string',
      options: {
        list: [
          { title: 'Monthly', value: 'M' },
          { title: 'Annual', value: 'A' },
        ],
      },
      validation: (r) => r.required(),
    }),
    defineField({ name: 'currency', type: 'string', initialValue: 'USD', readOnly: true, validation: (r) => r.required() }),
    defineField({
      name: 'source',
      type: 'object',
      validation: (r) => r.required(),
      fields: [
        defineField({ name: 'agency', type: 'string', validation: (r) => r.required() }),
        defineField({ name: 'dataset', type: 'string' }),
        defineField({ name: 'url', title: 'URL', type: 'url' }),
        defineField({ name: 'wording', type: 'string', description: 'How the prose names the source, e.g. Chinese customs data.' }),
        defineField({ name: 'retrievedAt', title: 'Retrieved at', type: 'datetime' }),
      ],
    }),
    defineField({ name: 'note', type: 'text', rows: 3, description: 'What a reader should know about these figures.' }),
    defineField({ name: 'observations', type: 'array', of: [defineArrayMember({ type: 'tradeObservation' })] }),
  ],
  preview: {
    select: { title: 'title', reporter: 'reporter.iso3', partner: 'partner.iso3', flow: 'flowCode' },
    prepare: ({ title, reporter, partner, flow }) => ({
      title,
      subtitle: `${reporter} → ${partner} · ${flow === 'X' ? 'exports' : 'imports'}`,
    }),
  },
})
