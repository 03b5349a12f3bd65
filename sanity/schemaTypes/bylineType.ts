import { defineField, defineType } from 'sanity'

/** One author of an article, with an optional role such as "Photos" or "Additional reporting". */
export const bylineType = defineType({
  name: 'byline',
  title: 'Byline',
  type: 'object',
  fields: [
    defineField({ name: 'author', type: 'reference', to: [{ type: 'author' }], validation: (r) => r.required() }),
    defineField({ name: 'role', type: 'string', description: 'Optional, e.g. "Additional reporting".' }),
  ],
  preview: {
    select: { title: 'author.name', role: 'role', media: 'author.photo' },
    prepare: ({ title, role, media }) => ({ title, subtitle: role, media }),
  },
})
