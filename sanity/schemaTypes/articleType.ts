import { defineArrayMember, defineField, defineType, getPublishedId, type SlugValue, type ValidationContext } from 'sanity'
import { API_VERSION } from '../../lib/content/config'
import { PUBLISHED_SLUG_QUERY } from '../../lib/content/queries'
import { formatDay } from '../../lib/figures/dateline'
import { everyFigureResolves } from './figureChecks'

export const articleType = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  fields: [
    defineField({ name: 'headline', type: 'string', validation: (r) => r.required().error('Give the story a headline.') }),
    defineField({
      name: 'slug',
      title: 'Web address (slug)',
      type: 'slug',
      // Uniqueness among articles is Sanity's built-in slug check; its message is reworded in the Studio's locale bundle.
      options: { source: 'headline', maxLength: 96 },
      // A custom check rather than required(), whose message would also replace the uniqueness message.
      validation: (r) => [
        r.custom((slug) => Boolean(slug?.current?.trim()) || 'Give the story a web address: press Generate to make one from the headline.'),
        r.custom(keepsWebAddress),
      ],
    }),
    defineField({
      name: 'section',
      type: 'reference',
      to: [{ type: 'section' }],
      validation: (r) => r.required().error('Choose the section the story runs in.'),
    }),
    defineField({ name: 'standfirst', type: 'text', rows: 3 }),
    defineField({
      name: 'authors',
      type: 'array',
      of: [defineArrayMember({ type: 'byline' })],
      validation: (r) => r.required().min(1).error('Add at least one author to the byline.'),
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published at',
      type: 'datetime',
      validation: (r) => r.required().error('Set the publication time: readers see it in the dateline.'),
    }),
    defineField({ name: 'updatedAt', title: 'Updated at', type: 'datetime' }),
    defineField({ name: 'mainImage', title: 'Main image', type: 'photo' }),
    defineField({ name: 'tags', type: 'array', of: [defineArrayMember({ type: 'reference', to: [{ type: 'tag' }] })] }),
    defineField({ name: 'body', type: 'blockContent' }),
    defineField({
      name: 'corrections',
      title: 'Corrections and clarifications',
      description: 'Shown at the end of the story, newest first, and listed on the corrections page.',
      type: 'array',
      of: [defineArrayMember({ type: 'correction' })],
    }),
    defineField({
      name: 'publishedFigures',
      title: 'Figures as published',
      description: 'Written when the story is published: what each figure showed then. Republishing keeps it.',
      type: 'array',
      readOnly: true,
      of: [defineArrayMember({ type: 'publishedFigure' })],
    }),
  ],
  validation: (r) => r.custom(everyFigureResolves),
  orderings: [{ title: 'Newest first', name: 'publishedAtDesc', by: [{ field: 'publishedAt', direction: 'desc' }] }],
  preview: {
    select: {
      title: 'headline',
      section: 'section.title',
      publishedAt: 'publishedAt',
      author0: 'authors.0.author.name',
      author1: 'authors.1.author.name',
      author2: 'authors.2.author.name',
      media: 'mainImage',
    },
    prepare: prepareArticlePreview,
  },
})

type ArticlePreviewValues = {
  title?: string
  section?: string
  publishedAt?: string
  author0?: string
  author1?: string
  author2?: string
  media?: unknown
}

/** "North Korea · April 19, 2021 · By Ahn Sung-mi": what an editor scans a list of stories for. */
export function prepareArticlePreview({ title, section, publishedAt, author0, author1, author2, media }: ArticlePreviewValues) {
  const names = [author0, author1].filter(Boolean)
  const byline = names.length === 0 ? 'No byline' : `By ${author2 ? `${names.join(', ')} and others` : names.join(' and ')}`
  return {
    title: title || 'Untitled story',
    subtitle: [section ?? 'No section', publishedAt ? formatDay(publishedAt) : 'No publication time', byline].join(' · '),
    media: media as never,
  }
}

/**
 * Error: a published story keeps its web address. Its URL is what readers' links, search engines
 * and feed readers (RSS guid, Atom and JSON Feed id) know it by, so an update must not change it.
 */
async function keepsWebAddress(slug: SlugValue | undefined, context: ValidationContext) {
  const id = context.document?._id
  if (!id || !slug?.current) return true
  const client = context.getClient({ apiVersion: API_VERSION })
  const published = await client.fetch(PUBLISHED_SLUG_QUERY, { id: getPublishedId(id) }, { perspective: 'published' })
  return (
    !published ||
    published === slug.current ||
    `This story is published at /articles/${published}: links, search engines and feed readers know it by that address, so it cannot change. Put “${published}” back.`
  )
}
