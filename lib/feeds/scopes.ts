import { SITE_DESCRIPTION, SITE_NAME } from '@/lib/site/identity'
import type { FeedScope } from './feed'

/** The feeds there are: the whole site under /feeds, and each section and author under its own page. */
export const siteScope: FeedScope = { title: SITE_NAME, description: SITE_DESCRIPTION, pagePath: '/', feedBase: '/feeds' }

/** Every correction and clarification of the site's stories, at /corrections. */
export const correctionsScope: FeedScope = {
  title: `${SITE_NAME}: corrections and clarifications`,
  description: `Corrections and clarifications of ${SITE_NAME}'s stories, newest first`,
  pagePath: '/corrections',
  feedBase: '/corrections',
}

/** The feeds of one listing page (a section, author or topic): beside the page, under its name. */
const listingScope = (path: string, name: string | null, description: string, changedAt?: string): FeedScope => ({
  title: `${SITE_NAME}: ${name}`,
  description,
  pagePath: path,
  feedBase: path,
  changedAt,
})

export const sectionScope = (section: { title: string | null; slug: string | null; description?: string | null; _updatedAt?: string }) =>
  listingScope(`/sections/${section.slug}`, section.title, section.description || `Stories in ${section.title}`, section._updatedAt)

export const authorScope = (author: { name: string | null; slug: string | null; _updatedAt?: string }) =>
  listingScope(`/authors/${author.slug}`, author.name, `Stories by ${author.name}`, author._updatedAt)

export const tagScope = (tag: { title: string | null; slug: string | null; _updatedAt?: string }) =>
  listingScope(`/tags/${tag.slug}`, tag.title, `Stories about ${tag.title}`, tag._updatedAt)
