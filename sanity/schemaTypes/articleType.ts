import { defineArrayMember, defineField, defineType } from 'sanity'

export const articleType = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  fields: [
    defineField({ name: 'headline', type: 'string', validation: (r) => r.required() }),
    defineField({
      name: 'slug',
      type: 'slug',
      options: { source: 'headline', maxLength: 96 },
      validation: (r) => r.required(),
    }),
    defineField({ name: 'section', type: 'reference', to: [{ type: 'section' }], validation: (r) => r.required() }),
    defineField({ name: 'standfirst', type: 'text', rows: 3 }),
    defineField({
      name: 'authors',
      type: 'array',
      of: [defineArrayMember({ type: 'byline' })],
      validation: (r) => r.required().min(1),
    }),
    defineField({ name: 'publishedAt', title: 'Published at', type: 'datetime', validation: (r) => r.required() }),
    defineField({ name: 'updatedAt', title: 'Updated at', type: 'datetime' }),
    defineField({ name: 'mainImage', title: 'Main image', type: 'photo' }),
    defineField({ name: 'tags', type: 'array', of: [defineArrayMember({ type: 'reference', to: [{ type: 'tag' }] })] }),
    defineField({ name: 'body', type: 'blockContent' }),
  ],
  orderings: [{ title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] }],
  preview: {
    select: {
      title: 'headline',
      section: 'section.title',
      publishedAt: 'publishedAt',
      author: 'authors.0.author.name',
      media: 'mainImage',
    },
    prepare: ({ title, section, publishedAt, author, media }) => ({
      title,
      subtitle: [section, publishedAt?.slice(0, 10), author].filter(Boolean).join(' · '),
      media,
    }),
  },
})
