import { createImageUrlBuilder } from '@sanity/image-url'
import { MEDIA_PATH } from '../site/paths'
import type { ContentSource } from './config'
import { IMAGE_QUALITY } from './imageTransforms'

type ImageSource = { asset?: { _id: string } | null; crop?: unknown; hotspot?: unknown }

/**
 * Image URLs for the configured lake: Sanity's CDN for a hosted project, the site's own `/media`
 * proxy for the embedded lake; both take the same width, quality and format parameters (the
 * proxy only the widths and quality of lib/content/imageTransforms.ts). Only the asset id goes
 * to the builder (it would otherwise parse a stored `url`); an id the builder cannot read never
 * gets here (lib/content/normaliseContent.ts leaves such a picture out).
 */
export function imageUrlFor(source: ContentSource) {
  const builder = createImageUrlBuilder({
    projectId: source.projectId,
    dataset: source.dataset,
    ...(source.apiHost ? { baseUrl: MEDIA_PATH } : {}),
  })
  return (image: ImageSource, width: number): string | undefined => {
    if (!image.asset?._id) return undefined
    const asset = { asset: { _ref: image.asset._id }, crop: image.crop, hotspot: image.hotspot }
    return builder
      .image(asset as Parameters<typeof builder.image>[0])
      .width(width)
      .quality(IMAGE_QUALITY)
      .auto('format')
      .url()
  }
}
