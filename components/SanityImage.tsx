import { contentSourceFromEnv } from '@/lib/content/config'
import { imageUrlFor } from '@/lib/content/image'
import { RESPONSIVE_IMAGE_WIDTHS } from '@/lib/content/imageTransforms'
import { reportContentProblem } from '@/lib/content/problems'

const urlFor = imageUrlFor(contentSourceFromEnv())
const WIDEST = Math.max(...RESPONSIVE_IMAGE_WIDTHS)

export type SanityImageValue = {
  alt?: string | null
  crop?: unknown
  hotspot?: unknown
  asset?: { _id: string; metadata?: { dimensions?: { width?: number | null; height?: number | null } | null } | null } | null
}

/**
 * A responsive <img> from the content lake, resized there: width and height are set from the
 * asset's dimensions so the page does not shift as it loads, and no client JavaScript is needed.
 */
export function SanityImage({ image, sizes, priority = false }: { image: SanityImageValue; sizes: string; priority?: boolean }) {
  const dimensions = image.asset?.metadata?.dimensions
  if (!image.asset || !dimensions?.width || !dimensions.height) return null
  const { width, height } = dimensions
  const widths = RESPONSIVE_IMAGE_WIDTHS.filter((w) => w < width).concat(Math.min(width, WIDEST))
  const src = (w: number) => urlFor(image, w)
  if (!src(width)) {
    reportContentProblem({ documentId: image.asset._id, message: 'image skipped: its asset id cannot be turned into a URL' })
    return null
  }
  return (
    // biome-ignore lint/performance/noImgElement: the lake resizes images itself; next/image would add client JavaScript for the same srcset.
    <img
      src={src(Math.min(width, 1280))}
      srcSet={widths.map((w) => `${src(w)} ${w}w`).join(', ')}
      sizes={sizes}
      width={width}
      height={height}
      alt={image.alt ?? ''}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : 'auto'}
      decoding="async"
    />
  )
}
