import type { ContentSource } from '@/lib/content/config'
import { imageUrlFor } from '@/lib/content/image'
import { FEED_IMAGE_WIDTH } from '@/lib/content/imageTransforms'
import { absoluteUrl } from '@/lib/site/paths'

type ImageSource = Parameters<ReturnType<typeof imageUrlFor>>[0]

/** What every syndication builder needs besides the content: where the site is, and its image URLs. */
export type FeedContext = {
  siteUrl: string
  /** An absolute URL of the image, resized to `width`; undefined when the content's asset id is unusable. */
  imageUrl(image: ImageSource, width: number): string | undefined
}

export function feedContext(source: ContentSource, siteUrl: string): FeedContext {
  const urlFor = imageUrlFor(source)
  // The embedded lake's images are served from the site's own /media path, so they are made absolute here.
  return {
    siteUrl,
    imageUrl: (image, width) => {
      const url = urlFor(image, width)
      return url && absoluteUrl(url, siteUrl)
    },
  }
}

export type Photo = ImageSource & {
  alt?: string | null
  caption?: string | null
  credit?: string | null
  asset?: { _id: string; metadata?: { dimensions?: { width?: number | null; height?: number | null } | null } | null } | null
}

export type FeedImage = { url: string; width: number; height?: number; alt: string; caption?: string; credit?: string }

/** A photo as syndication carries it: one absolute URL, its size, alt text, caption and credit. */
export function feedImage(photo: Photo | null | undefined, context: FeedContext): FeedImage | undefined {
  if (!photo?.asset) return undefined
  const dimensions = photo.asset.metadata?.dimensions
  const width = Math.min(dimensions?.width ?? FEED_IMAGE_WIDTH, FEED_IMAGE_WIDTH)
  const height = dimensions?.width && dimensions.height ? Math.round((dimensions.height * width) / dimensions.width) : undefined
  const url = context.imageUrl(photo, width)
  if (!url) return undefined
  return {
    url,
    width,
    height,
    alt: photo.alt ?? '',
    caption: photo.caption || undefined,
    credit: photo.credit || undefined,
  }
}

/** "North Korean flag (AFP-Yonhap)": how the newsroom captions every picture. */
export function captionWithCredit(image: Pick<FeedImage, 'caption' | 'credit'>): string {
  return [image.caption, image.credit && `(${image.credit})`].filter(Boolean).join(' ')
}
