import { defineField } from 'sanity'

/** Alt text, caption and credit: what every published photo carries. */
export const photoFields = [
  defineField({
    name: 'alt',
    title: 'Alternative text',
    type: 'string',
    description: 'What the picture shows, for readers who cannot see it.',
  }),
  defineField({ name: 'caption', title: 'Caption', type: 'string' }),
  defineField({ name: 'credit', title: 'Credit', type: 'string', description: 'Photographer or agency, e.g. AFP-Yonhap.' }),
]
