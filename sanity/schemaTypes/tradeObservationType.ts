import { defineArrayMember, defineField, defineType } from 'sanity'

export const OBSERVATION_STATUSES = ['provisional', 'revised', 'final'] as const

const statusField = defineField({
  name: 'status',
  type: 'string',
  options: { list: [...OBSERVATION_STATUSES] },
  validation: (r) => r.required(),
})

/** One period's value, as currently published, with the values it replaced and when each was released. */
export const tradeObservationType = defineType({
  name: 'tradeObservation',
  title: 'Observation',
  type: 'object',
  fields: [
    defineField({
      name: 'period',
      type: 'string',
      description: 'YYYY-MM for monthly series, YYYY for annual.',
      validation: (r) => r.required().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { name: 'period' }),
    }),
    defineField({ name: 'primaryValue', title: 'Value (USD)', type: 'number', validation: (r) => r.required() }),
    statusField,
    defineField({ name: 'releasedAt', title: 'Released at', type: 'datetime', validation: (r) => r.required() }),
    defineField({
      name: 'history',
      title: 'Earlier values',
      type: 'array',
      of: [
        defineArrayMember({
          name: 'observationRelease',
          type: 'object',
          fields: [
            defineField({ name: 'primaryValue', type: 'number', validation: (r) => r.required() }),
            statusField,
            defineField({ name: 'releasedAt', type: 'datetime', validation: (r) => r.required() }),
          ],
        }),
      ],
    }),
  ],
  preview: {
    select: { title: 'period', value: 'primaryValue', status: 'status' },
    prepare: ({ title, value, status }) => ({ title, subtitle: `${value} · ${status}` }),
  },
})
