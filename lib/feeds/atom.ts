import { create } from 'xmlbuilder2'
import { SITE_NAME } from '@/lib/site/identity'
import type { Feed } from './feed'
import { appendMediaContent, MEDIA_NS } from './media'
import { appendElement as add, withHexReferences } from './xmlText'

const ATOM_NS = 'http://www.w3.org/2005/Atom'

/** Atom 1.0: each entry with its authors, categories, summary, the whole story as HTML content, and its photo. */
export function buildAtom(feed: Feed): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(ATOM_NS, 'feed', { 'xml:lang': feed.language, 'xmlns:media': MEDIA_NS })
  add(root, 'id', feed.feedUrls.atom)
  add(root, 'title', feed.title)
  add(root, 'subtitle', feed.description)
  add(root, 'updated', feed.updatedAt)
  add(root, 'link', undefined, { rel: 'self', type: 'application/atom+xml', href: feed.feedUrls.atom })
  add(root, 'link', undefined, { rel: 'alternate', type: 'text/html', href: feed.pageUrl })
  // Atom needs an author for every entry; a story without a byline is the newsroom's.
  add(root.ele('author'), 'name', SITE_NAME)
  for (const item of feed.items) {
    const entry = root.ele('entry')
    add(entry, 'id', item.url)
    add(entry, 'title', item.title, { type: 'text' })
    add(entry, 'link', undefined, { rel: 'alternate', type: 'text/html', href: item.url })
    add(entry, 'published', item.publishedAt)
    add(entry, 'updated', item.updatedAt)
    for (const author of item.authors) {
      const element = entry.ele('author')
      add(element, 'name', author.name)
      if (author.url) add(element, 'uri', author.url)
    }
    for (const category of item.categories) add(entry, 'category', undefined, { term: category })
    if (item.summary) add(entry, 'summary', item.summary, { type: 'text' })
    add(entry, 'content', item.contentHtml, { type: 'html' })
    appendMediaContent(entry, item.image)
  }
  return withHexReferences(root.end({ prettyPrint: true }))
}
