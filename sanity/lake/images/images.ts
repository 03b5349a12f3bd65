import { createHash } from 'node:crypto'
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import sharp, { type Metadata, type Sharp } from 'sharp'
import { httpError, lakeError } from '../core/errors'
import type { LakeDocument } from '../storage/store'

export type ImageConfig = { assetsDir: string; projectId: string; dataset: string; publicBaseUrl: string }

/** What an upload may say about the image besides its bytes (Sanity's upload query parameters). */
export type ImageUploadMeta = {
  filename?: string
  label?: string
  title?: string
  description?: string
  creditLine?: string
  source?: { id: string; name: string; url?: string }
}

const FORMATS: Record<string, { extension: string; mimeType: string }> = {
  jpeg: { extension: 'jpg', mimeType: 'image/jpeg' },
  png: { extension: 'png', mimeType: 'image/png' },
  webp: { extension: 'webp', mimeType: 'image/webp' },
  gif: { extension: 'gif', mimeType: 'image/gif' },
  avif: { extension: 'avif', mimeType: 'image/avif' },
  svg: { extension: 'svg', mimeType: 'image/svg+xml' },
  tiff: { extension: 'tiff', mimeType: 'image/tiff' },
}
const MIME_BY_EXTENSION = Object.fromEntries(Object.values(FORMATS).map((f) => [f.extension, f.mimeType]))
const LQIP_SIZE = 20
/** The file name Sanity gives an image: content hash, then dimensions. */
const ASSET_FILE = /^([a-f0-9]{40})-(\d+)x(\d+)\.([a-z0-9]+)$/

/**
 * Stores the bytes under the assets dir (named by content hash, so a re-upload is the same file)
 * and returns the `sanity.imageAsset` document Sanity would create for them, not yet committed.
 */
export async function storeImage(bytes: Buffer, meta: ImageUploadMeta, config: ImageConfig): Promise<LakeDocument> {
  let info: Metadata
  try {
    info = await sharp(bytes).metadata()
  } catch {
    throw lakeError(400, 'invalidImage', 'The uploaded file is not an image that can be read')
  }
  const format = FORMATS[info.format === 'heif' && info.compression === 'av1' ? 'avif' : (info.format ?? '')]
  if (!format || !info.width || !info.height) {
    throw lakeError(400, 'invalidImage', `Unsupported image format "${info.format ?? 'unknown'}"`)
  }
  // EXIF orientations 5-8 turn the picture a quarter: its dimensions are swapped as displayed.
  const turned = (info.orientation ?? 1) >= 5
  const width = turned ? info.height : info.width
  const height = turned ? info.width : info.height
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const fileName = `${sha1}-${width}x${height}.${format.extension}`
  writeFileAtomically(path.join(config.assetsDir, fileName), bytes)
  const assetPath = `images/${config.projectId}/${config.dataset}/${fileName}`
  const { isOpaque } = await sharp(bytes).stats()
  const lqip = await sharp(bytes, { autoOrient: true }).resize(LQIP_SIZE, LQIP_SIZE, { fit: 'inside' }).jpeg({ quality: 40 }).toBuffer()
  return {
    _id: `image-${sha1}-${width}x${height}-${format.extension}`,
    _type: 'sanity.imageAsset',
    assetId: sha1,
    sha1hash: sha1,
    extension: format.extension,
    mimeType: format.mimeType,
    size: bytes.length,
    path: assetPath,
    url: `${config.publicBaseUrl}/${assetPath}`,
    ...(meta.filename ? { originalFilename: meta.filename } : {}),
    ...(meta.label ? { label: meta.label } : {}),
    ...(meta.title ? { title: meta.title } : {}),
    ...(meta.description ? { description: meta.description } : {}),
    ...(meta.creditLine ? { creditLine: meta.creditLine } : {}),
    ...(meta.source ? { source: meta.source } : {}),
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: { _type: 'sanity.imageDimensions', width, height, aspectRatio: width / height },
      lqip: `data:image/jpeg;base64,${lqip.toString('base64')}`,
      hasAlpha: Boolean(info.hasAlpha),
      isOpaque,
    },
  }
}

/** The asset's file name (`<sha1>-<w>x<h>.<ext>`), from its document id. */
export function imageFileName(assetId: string): string | undefined {
  const match = /^image-([a-f0-9]{40})-(\d+x\d+)-([a-z0-9]+)$/.exec(assetId)
  return match ? `${match[1]}-${match[2]}.${match[3]}` : undefined
}

function writeFileAtomically(file: string, bytes: Buffer) {
  if (fs.existsSync(file)) return
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  const fd = fs.openSync(tmp, 'w')
  try {
    fs.writeSync(fd, bytes)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, file)
}

type Fit = 'clip' | 'crop' | 'fill' | 'fillmax' | 'max' | 'min' | 'scale'
type OutputFormat = 'jpg' | 'pjpg' | 'png' | 'webp' | 'avif' | 'gif'
type Region = { left: number; top: number; width: number; height: number }

/** An image request's parameters, validated and resolved against the source image. */
type Transform = {
  region: Region
  width?: number
  height?: number
  fit: Fit
  gravity: { x: number; y: number } | 'entropy'
  format: OutputFormat
  quality?: number
  background?: string
  blur?: number
  flip?: 'h' | 'v' | 'hv'
  rotate?: number
}

const MAX_DIMENSION = 4000
const FITS = new Set<Fit>(['clip', 'crop', 'fill', 'fillmax', 'max', 'min', 'scale'])
const OUTPUT_FORMATS = new Set<OutputFormat>(['jpg', 'pjpg', 'png', 'webp', 'avif', 'gif'])
const OUTPUT_MIME: Record<OutputFormat, string> = {
  jpg: 'image/jpeg',
  pjpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
}
const CACHE_LIMIT_BYTES = 64 * 1024 * 1024
const CACHE_ENTRY_LIMIT_BYTES = 8 * 1024 * 1024

/**
 * Sanity's image CDN for the lake's assets: the parameters @sanity/image-url writes (size, fit,
 * crop, rect, format, quality, dpr, auto=format...) rendered by sharp, recent renders kept in a
 * bounded in-memory LRU.
 */
export class ImageRenderer {
  private readonly cache = new Map<string, Buffer>()
  private cacheBytes = 0
  private readonly rendering = new Map<string, Promise<Buffer>>()

  constructor(private readonly assetsDir: string) {}

  async serve(req: IncomingMessage, res: ServerResponse, fileName: string, params: URLSearchParams): Promise<void> {
    const match = ASSET_FILE.exec(fileName)
    const file = path.join(this.assetsDir, fileName)
    if (!match || !fs.existsSync(file)) throw httpError(404, `Image "${fileName}" not found`)
    const [, , width, height, extension = ''] = match
    const source = { width: Number(width), height: Number(height), extension }
    const accept = req.headers.accept ?? ''
    const transform = parseTransform(params, source, accept)
    const headers: Record<string, string> = {
      'Cache-Control': 'public, max-age=31536000, immutable',
      ...(params.get('auto') === 'format' ? { Vary: 'Accept' } : {}),
      ...(params.has('dl') ? { 'Content-Disposition': `attachment; filename="${downloadName(params.get('dl'), fileName)}"` } : {}),
    }
    const body = transform ? await this.render(file, transform) : await fs.promises.readFile(file)
    const mimeType = transform ? OUTPUT_MIME[transform.format] : (MIME_BY_EXTENSION[extension] ?? 'application/octet-stream')
    res.writeHead(200, { ...headers, 'Content-Type': mimeType, 'Content-Length': String(body.length) })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  private async render(file: string, transform: Transform): Promise<Buffer> {
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

function downloadName(requested: string | null, fileName: string): string {
  const name = requested && requested !== 'true' ? requested : fileName
  return name.replace(/["\\\r\n]/g, '_')
}

/** `undefined` when the original file can be sent as it is. */
function parseTransform(
  params: URLSearchParams,
  source: { width: number; height: number; extension: string },
  accept: string,
): Transform | undefined {
  const dpr = numberParam(params, 'dpr', 0.1, 5) ?? 1
  const scaled = (name: string) => {
    const value = intParam(params, name, 1, MAX_DIMENSION)
    return value === undefined ? undefined : Math.min(MAX_DIMENSION, Math.round(value * dpr))
  }
  const width = scaled('w')
  const height = scaled('h')
  const fit = params.get('fit') ?? 'clip'
  if (!FITS.has(fit as Fit)) throw badParam('fit', fit)
  const requested = params.get('fm')
  if (requested !== null && !OUTPUT_FORMATS.has(requested as OutputFormat)) throw badParam('fm', requested)
  const auto = params.get('auto')
  if (auto !== null && auto !== 'format') throw badParam('auto', auto)
  const flip = params.get('flip')
  if (flip !== null && flip !== 'h' && flip !== 'v' && flip !== 'hv') throw badParam('flip', flip)
  const rotate = intParam(params, 'or', 0, 270)
  if (rotate !== undefined && rotate % 90 !== 0) throw badParam('or', String(rotate))
  const background = params.get('bg')
  if (background !== null && !/^([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(background)) throw badParam('bg', background)

  const original = (source.extension === 'jpg' ? 'jpg' : source.extension) as OutputFormat
  const preferred = auto === 'format' ? preferredFormat(accept) : undefined
  const format = preferred ?? (requested as OutputFormat | null) ?? (OUTPUT_FORMATS.has(original) ? original : 'png')
  const transform: Transform = {
    region: parseRect(params.get('rect'), source),
    width,
    height,
    fit: fit as Fit,
    gravity: parseGravity(params),
    format,
    quality: intParam(params, 'q', 0, 100),
    background: background ?? undefined,
    blur: intParam(params, 'blur', 1, 2000),
    flip: flip ?? undefined,
    rotate,
  }
  const unchanged =
    format === original &&
    width === undefined &&
    height === undefined &&
    !params.has('rect') &&
    transform.quality === undefined &&
    transform.blur === undefined &&
    !flip &&
    !rotate
  return unchanged ? undefined : transform
}

function preferredFormat(accept: string): OutputFormat | undefined {
  if (accept.includes('image/avif')) return 'avif'
  if (accept.includes('image/webp')) return 'webp'
  return undefined
}

function parseRect(value: string | null, source: { width: number; height: number }): Region {
  if (value === null) return { left: 0, top: 0, width: source.width, height: source.height }
  const parts = value.split(',').map(Number)
  const [left = Number.NaN, top = Number.NaN, width = Number.NaN, height = Number.NaN] = parts
  const valid =
    parts.length === 4 &&
    parts.every(Number.isInteger) &&
    left >= 0 &&
    top >= 0 &&
    width > 0 &&
    height > 0 &&
    left < source.width &&
    top < source.height
  if (!valid) throw badParam('rect', value)
  return { left, top, width: Math.min(width, source.width - left), height: Math.min(height, source.height - top) }
}

/** Where `fit=crop` cuts from: Sanity's `crop` keywords, or a focal point (`fp-x`, `fp-y`). */
function parseGravity(params: URLSearchParams): Transform['gravity'] {
  const crop = (params.get('crop') ?? 'center').split(',')
  if (crop.includes('entropy')) return 'entropy'
  if (crop.includes('focalpoint')) {
    return { x: numberParam(params, 'fp-x', 0, 1) ?? 0.5, y: numberParam(params, 'fp-y', 0, 1) ?? 0.5 }
  }
  for (const keyword of crop) {
    if (!['top', 'bottom', 'left', 'right', 'center'].includes(keyword)) throw badParam('crop', params.get('crop') ?? '')
  }
  return {
    x: crop.includes('left') ? 0 : crop.includes('right') ? 1 : 0.5,
    y: crop.includes('top') ? 0 : crop.includes('bottom') ? 1 : 0.5,
  }
}

function intParam(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const value = numberParam(params, name, min, max)
  if (value !== undefined && !Number.isInteger(value)) throw badParam(name, params.get(name) ?? '')
  return value
}

function numberParam(params: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = params.get(name)
  if (raw === null) return undefined
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max) throw badParam(name, raw)
  return value
}

function badParam(name: string, value: string) {
  return httpError(400, `Invalid image parameter ${name}=${value}`)
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
