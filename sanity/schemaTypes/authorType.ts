import { defineField, defineType } from 'sanity'

export const authorType = defineType({
  name: 'author',
  title: 'Author',
  type: 'document',
  fields: [
    defineField({ name: 'name', type: 'string', validation: (r) => r.required() }),
    defineField({ name: 'slug', type: 'slug', options: { source: 'name' }, validation: (r) => r.required() }),
    defineField({ name: 'email', type: 'email' }),
    defineField({ name: 'bio', type: 'text', rows: 4 }),
    defineField({ name: 'photo', type: 'photo' }),
  ],
  preview: { select: { title: 'name', email: 'email', bio: 'bio', media: 'photo' }, prepare: prepareAuthorPreview },
})

export function prepareAuthorPreview({ title, email, bio, media }: { title?: string; email?: string; bio?: string; media?: unknown }) {
  return { title: title || 'Unnamed author', subtitle: email || 'No email address', description: bio, media: media as never }
}
