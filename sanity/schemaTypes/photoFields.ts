import { defineField } from 'sanity'

/** Alt text, caption and credit: what every published photo carries. */
export const photoFields = [
  defineField({
    name: 'alt',
    title: 'Alternative text',
    type: 'string',
    description: 'What the picture shows, for readers who cannot see it.',
    validation: (r) => r.required().error('Describe the picture for readers who cannot see it (alt text).'),
  }),
  defineField({
    name: 'caption',
    title: 'Caption',
    type: 'string',
    validation: (r) => r.required().error('Write a caption: say who or what the picture shows.'),
  }),
  defineField({
    name: 'credit',
    title: 'Credit',
    type: 'string',
    description: 'Photographer or agency, e.g. AFP-Yonhap.',
    validation: (r) => r.required().error('Credit the photographer or agency, e.g. AFP-Yonhap.'),
  }),
]
