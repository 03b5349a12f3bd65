import { escapeHTML } from '@portabletext/to-html'
import { create } from 'xmlbuilder2'
import type { Feed } from './feed'
import { appendMediaContent, MEDIA_NS } from './media'
import { appendElement as add, withHexReferences } from './xmlText'

const rfc822 = (iso: string) => new Date(iso).toUTCString()

/**
 * RSS 2.0 with the whole story in content:encoded, a dc:creator per byline, the photo with its
 * caption and credit as Media RSS, and a self link.
 */
export function buildRss(feed: Feed): string {
  const rss = create({ version: '1.0', encoding: 'UTF-8' }).ele('rss', {
    version: '2.0',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
    'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
    'xmlns:media': MEDIA_NS,
  })
  const channel = rss.ele('channel')
  add(channel, 'title', feed.title)
  add(channel, 'link', feed.pageUrl)
  add(channel, 'description', feed.description)
  add(channel, 'language', feed.language)
  add(channel, 'lastBuildDate', rfc822(feed.updatedAt))
  add(channel, 'atom:link', undefined, { href: feed.feedUrls.rss, rel: 'self', type: 'application/rss+xml' })
  for (const item of feed.items) {
    const entry = channel.ele('item')
    add(entry, 'title', item.title)
    add(entry, 'link', item.url)
    add(entry, 'guid', item.url, { isPermaLink: 'true' })
    add(entry, 'pubDate', rfc822(item.publishedAt))
    // An item's description is HTML (RSS 2.0: "entity-encoded HTML is allowed"), and readers render
    // it so: the plain-text summary is escaped as HTML here, then as XML by `add`.
    if (item.summary) add(entry, 'description', escapeHTML(item.summary))
    add(entry, 'content:encoded', item.contentHtml)
    for (const author of item.authors) add(entry, 'dc:creator', author.name)
    for (const category of item.categories) add(entry, 'category', category)
    appendMediaContent(entry, item.image)
  }
  return withHexReferences(rss.end({ prettyPrint: true }))
}
