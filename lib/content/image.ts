import { createImageUrlBuilder } from '@sanity/image-url'
import type { ContentSource } from './config'

/** Where the site serves the embedded lake's images from, so readers never talk to the lake. */
export const EMBEDDED_IMAGE_PATH = '/media'

type ImageSource = { asset?: { _id: string } | null; crop?: unknown; hotspot?: unknown }

/**
 * An image URL builder for the configured lake: Sanity's CDN for a hosted project, the site's own
 * `/media` proxy for the embedded lake. Both take the same width, height and format parameters.
 */
export function imageUrlFor(source: ContentSource) {
  const builder = createImageUrlBuilder({
    projectId: source.projectId,
    dataset: source.dataset,
    ...(source.apiHost ? { baseUrl: EMBEDDED_IMAGE_PATH } : {}),
  })
  return (image: ImageSource) => builder.image(image as Parameters<typeof builder.image>[0]).auto('format')
}
