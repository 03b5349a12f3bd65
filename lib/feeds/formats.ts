import type { Metadata } from 'next'
import { type FeedFormat, feedPath } from '@/lib/site/paths'
import { buildAtom } from './atom'
import type { Feed, FeedScope } from './feed'
import { buildJsonFeed } from './jsonFeed'
import { buildRss } from './rss'

export const FEED_FORMATS: Record<FeedFormat, { contentType: string; build: (feed: Feed) => string }> = {
  rss: { contentType: 'application/rss+xml', build: buildRss },
  atom: { contentType: 'application/atom+xml', build: buildAtom },
  json: { contentType: 'application/feed+json', build: buildJsonFeed },
}

/** `<link rel="alternate">` for each feed of each scope, for a page's metadata. */
export function feedAlternates(...scopes: FeedScope[]): NonNullable<NonNullable<Metadata['alternates']>['types']> {
  const formats = Object.entries(FEED_FORMATS) as [FeedFormat, (typeof FEED_FORMATS)[FeedFormat]][]
  return Object.fromEntries(
    formats.map(([format, { contentType }]) => [
      contentType,
      scopes.map((scope) => ({ url: feedPath(scope.feedBase, format), title: scope.title })),
    ]),
  )
}
