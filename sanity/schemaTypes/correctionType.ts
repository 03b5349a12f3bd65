import { defineField, defineType } from 'sanity'
import { formatDay } from '../../lib/figures/dateline'

/** What an editor may attach to a published story. One list, shared with the site's wording. */
export const CORRECTION_KINDS = ['correction', 'clarification'] as const

/** A dated correction or clarification, shown on the story, in its JSON-LD and feeds, and on /corrections. */
export const correctionType = defineType({
  name: 'correction',
  title: 'Correction',
  type: 'object',
  fields: [
    defineField({
      name: 'kind',
      type: 'string',
      initialValue: 'correction',
      options: { list: [...CORRECTION_KINDS], layout: 'radio' },
      validation: (r) => r.required(),
    }),
    defineField({
      name: 'text',
      type: 'text',
      rows: 3,
      description: 'What was wrong and what the story now says, e.g. “An earlier version gave March’s imports as $13 million.”',
      validation: (r) => r.required().error('Say what was corrected or clarified.'),
    }),
    defineField({
      name: 'date',
      type: 'datetime',
      validation: (r) => r.required().error('Give the time of the correction: readers see it.'),
    }),
  ],
  preview: {
    select: { kind: 'kind', text: 'text', date: 'date' },
    prepare: ({ kind, text, date }) => ({ title: text, subtitle: [kind, date && formatDay(date)].filter(Boolean).join(' · ') }),
  },
})
