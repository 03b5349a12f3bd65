import type { FeedScope } from './feed'
import { SITE_DESCRIPTION, SITE_NAME } from './site'

/** The feeds there are: the whole site under /feeds, and each section and author under its own page. */
export const siteScope: FeedScope = { title: SITE_NAME, description: SITE_DESCRIPTION, pagePath: '/', feedBase: '/feeds' }

/** Every correction and clarification of the site's stories, at /corrections. */
export const correctionsScope: FeedScope = {
  title: `${SITE_NAME}: corrections and clarifications`,
  description: `Corrections and clarifications of ${SITE_NAME}'s stories, newest first`,
  pagePath: '/corrections',
  feedBase: '/corrections',
}

export function sectionScope(section: {
  title: string | null
  slug: string | null
  description?: string | null
  _updatedAt?: string
}): FeedScope {
  const path = `/sections/${section.slug}`
  return {
    title: `${SITE_NAME}: ${section.title}`,
    description: section.description || `Stories in ${section.title}`,
    pagePath: path,
    feedBase: path,
    changedAt: section._updatedAt,
  }
}

export function authorScope(author: { name: string | null; slug: string | null; _updatedAt?: string }): FeedScope {
  const path = `/authors/${author.slug}`
  return {
    title: `${SITE_NAME}: ${author.name}`,
    description: `Stories by ${author.name}`,
    pagePath: path,
    feedBase: path,
    changedAt: author._updatedAt,
  }
}

export function tagScope(tag: { title: string | null; slug: string | null; _updatedAt?: string }): FeedScope {
  const path = `/tags/${tag.slug}`
  return {
    title: `${SITE_NAME}: ${tag.title}`,
    description: `Stories about ${tag.title}`,
    pagePath: path,
    feedBase: path,
    changedAt: tag._updatedAt,
  }
}
