import sharp, { type Sharp } from 'sharp'
import type { Region, Transform } from './transform'

const CACHE_LIMIT_BYTES = 64 * 1024 * 1024
const CACHE_ENTRY_LIMIT_BYTES = 8 * 1024 * 1024

/**
 * The rendering half of Sanity's image CDN for the lake's assets: a transform (transform.ts)
 * rendered by sharp, recent renders kept in a bounded in-memory LRU.
 */
export class ImageRenderer {
  private readonly cache = new Map<string, Buffer>()
  private cacheBytes = 0
  private readonly rendering = new Map<string, Promise<Buffer>>()

  /** The image file with the transform applied: from the cache, from a render under way, or rendered now. */
  async render(file: string, transform: Transform): Promise<Buffer> {
    const key = `${file}\n${JSON.stringify(transform)}`
    const cached = this.cache.get(key)
    if (cached) {
      // Re-inserting marks it most recently used.
      this.cache.delete(key)
      this.cache.set(key, cached)
      return cached
    }
    let pending = this.rendering.get(key)
    if (!pending) {
      pending = renderImage(file, transform).finally(() => this.rendering.delete(key))
      this.rendering.set(key, pending)
      this.remember(key, await pending)
    }
    return pending
  }

  private remember(key: string, body: Buffer) {
    if (body.length > CACHE_ENTRY_LIMIT_BYTES) return
    this.cache.set(key, body)
    this.cacheBytes += body.length
    for (const [oldest, value] of this.cache) {
      if (this.cacheBytes <= CACHE_LIMIT_BYTES) break
      this.cache.delete(oldest)
      this.cacheBytes -= value.length
    }
  }
}

async function renderImage(file: string, t: Transform): Promise<Buffer> {
  let region = t.region
  const both = t.width !== undefined && t.height !== undefined
  const cropsToAspect = both && (t.fit === 'crop' || t.fit === 'min') && t.gravity !== 'entropy'
  if (cropsToAspect) region = cropToAspect(region, (t.width ?? 1) / (t.height ?? 1), t.gravity as { x: number; y: number })
  let image: Sharp = sharp(file, { autoOrient: true }).extract(region)
  if (t.width !== undefined || t.height !== undefined) image = resize(image, t, region, cropsToAspect)
  if (t.flip?.includes('h')) image = image.flop()
  if (t.flip?.includes('v')) image = image.flip()
  if (t.rotate) image = image.rotate(t.rotate)
  if (t.blur) image = image.blur(Math.max(0.3, t.blur / 10))
  return encode(image, t).toBuffer()
}

function resize(image: Sharp, t: Transform, region: Region, croppedToAspect: boolean): Sharp {
  const { width, height } = t
  const background = t.background
    ? parseColor(t.background)
    : { r: 255, g: 255, b: 255, alpha: t.format === 'jpg' || t.format === 'pjpg' ? 1 : 0 }
  switch (t.fit) {
    case 'crop':
      return croppedToAspect
        ? image.resize(width, height, { fit: 'fill' })
        : image.resize(width, height, { fit: 'cover', position: t.gravity === 'entropy' ? sharp.strategy.entropy : 'centre' })
    case 'min': {
      // Cropped to the requested aspect, but never larger than the source.
      const scale = Math.min(1, (width ?? region.width) / region.width, (height ?? region.height) / region.height)
      return image.resize(Math.max(1, Math.round(region.width * scale)), Math.max(1, Math.round(region.height * scale)), { fit: 'fill' })
    }
    case 'fill':
      return image.resize(width, height, { fit: 'contain', background })
    case 'fillmax': {
      const scale = Math.min(1, (width ?? region.width) / region.width, (height ?? region.height) / region.height)
      const inner = { w: Math.max(1, Math.round(region.width * scale)), h: Math.max(1, Math.round(region.height * scale)) }
      const padX = Math.max(0, (width ?? inner.w) - inner.w)
      const padY = Math.max(0, (height ?? inner.h) - inner.h)
      return image.resize(inner.w, inner.h, { fit: 'fill' }).extend({
        left: Math.floor(padX / 2),
        right: Math.ceil(padX / 2),
        top: Math.floor(padY / 2),
        bottom: Math.ceil(padY / 2),
        background,
      })
    }
    case 'max':
      return image.resize(width, height, { fit: 'inside', withoutEnlargement: true })
    case 'scale':
      return image.resize(width, height, { fit: 'fill' })
    case 'clip':
      return image.resize(width, height, { fit: 'inside' })
  }
}

/** The largest part of `region` with the given aspect ratio, placed as near the gravity point as fits. */
function cropToAspect(region: Region, aspect: number, gravity: { x: number; y: number }): Region {
  const wide = region.width / region.height > aspect
  const width = wide ? Math.max(1, Math.round(region.height * aspect)) : region.width
  const height = wide ? region.height : Math.max(1, Math.round(region.width / aspect))
  const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.round(value)), max)
  return {
    left: region.left + clamp(gravity.x * region.width - width / 2, region.width - width),
    top: region.top + clamp(gravity.y * region.height - height / 2, region.height - height),
    width,
    height,
  }
}

/** Sanity's `bg` is RGB, or ARGB with 8 digits. */
function parseColor(hex: string) {
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  const argb = full.length === 8
  const byte = (offset: number) => Number.parseInt(full.slice(offset, offset + 2), 16)
  const o = argb ? 2 : 0
  return { r: byte(o), g: byte(o + 2), b: byte(o + 4), alpha: argb ? byte(0) / 255 : 1 }
}

function encode(image: Sharp, t: Transform): Sharp {
  const quality = t.quality
  switch (t.format) {
    case 'jpg':
      return image.jpeg({ quality: quality ?? 75, mozjpeg: true })
    case 'pjpg':
      return image.jpeg({ quality: quality ?? 75, progressive: true })
    case 'png':
      return image.png()
    case 'webp':
      return image.webp({ quality: quality ?? 75 })
    case 'avif':
      // libaom's default effort (4) takes about five times as long as 2 for a file a tenth smaller.
      return image.avif({ quality: quality ?? 50, effort: 2 })
    case 'gif':
      return image.gif()
  }
}
