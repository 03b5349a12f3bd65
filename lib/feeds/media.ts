import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces'
import type { FeedImage } from './context'
import { appendElement } from './xmlText'

export const MEDIA_NS = 'http://search.yahoo.com/mrss/'

/** Media RSS for an item's photo (in RSS and Atom alike): the image, its caption, credit and alt text. */
export function appendMediaContent(parent: XMLBuilder, image: FeedImage | undefined): void {
  if (!image) return
  const media = appendElement(parent, 'media:content', undefined, {
    url: image.url,
    medium: 'image',
    width: image.width,
    height: image.height,
  })
  if (image.caption) appendElement(media, 'media:description', image.caption, { type: 'plain' })
  if (image.credit) appendElement(media, 'media:credit', image.credit)
  if (image.alt) appendElement(media, 'media:text', image.alt, { type: 'plain' })
}
