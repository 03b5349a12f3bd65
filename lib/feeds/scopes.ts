import { SITE_DESCRIPTION, SITE_NAME } from '@/lib/site/identity'
import { authorPath, CORRECTIONS_PATH, HOME_PATH, SITE_FEEDS_BASE, sectionPath, tagPath } from '@/lib/site/paths'
import type { FeedScope } from './feed'

/** The feeds there are: the whole site under /feeds, and each section and author under its own page. */
export const siteScope: FeedScope = { title: SITE_NAME, description: SITE_DESCRIPTION, pagePath: HOME_PATH, feedBase: SITE_FEEDS_BASE }

/** Every correction and clarification of the site's stories, at /corrections. */
export const correctionsScope: FeedScope = {
  title: `${SITE_NAME}: corrections and clarifications`,
  description: `Corrections and clarifications of ${SITE_NAME}'s stories, newest first`,
  pagePath: CORRECTIONS_PATH,
  feedBase: CORRECTIONS_PATH,
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
  listingScope(sectionPath(section.slug), section.title, section.description || `Stories in ${section.title}`, section._updatedAt)

export const authorScope = (author: { name: string | null; slug: string | null; _updatedAt?: string }) =>
  listingScope(authorPath(author.slug), author.name, `Stories by ${author.name}`, author._updatedAt)

export const tagScope = (tag: { title: string | null; slug: string | null; _updatedAt?: string }) =>
  listingScope(tagPath(tag.slug), tag.title, `Stories about ${tag.title}`, tag._updatedAt)
