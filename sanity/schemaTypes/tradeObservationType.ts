import { defineArrayMember, defineField, defineType } from 'sanity'
import { PERIOD_PATTERN } from '../../lib/figures/period'

export const OBSERVATION_STATUSES = ['provisional', 'revised', 'final'] as const

const statusField = defineField({
  name: 'status',
  type: 'string',
  options: { list: [...OBSERVATION_STATUSES] },
  validation: (r) => r.required(),
})

/** Where a value was published, when it comes from a report rather than the agency's own release. */
const citationFields = [
  defineField({
    name: 'approximate',
    type: 'boolean',
    description: 'The report gave the value as approximate ("about $21.8 million"); readers see "about".',
  }),
  defineField({
    name: 'citation',
    type: 'object',
    description: 'The report this value was taken from.',
    fields: [
      defineField({ name: 'reportedBy', title: 'Reported by', type: 'string', validation: (r) => r.required() }),
      defineField({
        name: 'reportedOn',
        title: 'Reported on',
        type: 'string',
        description: 'YYYY-MM-DD, or YYYY-MM when only the month is known.',
        validation: (r) =>
          r
            .required()
            .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, { name: 'date' })
            .error('Give the report date as YYYY-MM-DD, or YYYY-MM when only the month is known.'),
      }),
      defineField({
        name: 'url',
        title: 'URL',
        type: 'url',
        validation: (r) => r.required().uri({ scheme: ['http', 'https'] }),
      }),
      defineField({ name: 'note', type: 'text', rows: 2, description: 'Conflicts between reports, what the value includes.' }),
    ],
  }),
]

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
      validation: (r) => r.required().regex(PERIOD_PATTERN, { name: 'period' }),
    }),
    defineField({ name: 'primaryValue', title: 'Value (USD)', type: 'number', validation: (r) => r.required() }),
    statusField,
    defineField({ name: 'releasedAt', title: 'Released at', type: 'datetime', validation: (r) => r.required() }),
    ...citationFields,
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
            ...citationFields,
          ],
        }),
      ],
    }),
  ],
  preview: {
    select: { title: 'period', value: 'primaryValue', status: 'status', approximate: 'approximate', reportedBy: 'citation.reportedBy' },
    prepare: ({ title, value, status, approximate, reportedBy }) => ({
      title,
      subtitle: [`${approximate ? 'about ' : ''}${value}`, status, reportedBy].filter(Boolean).join(' · '),
    }),
  },
})
