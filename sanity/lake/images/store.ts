import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp, { type Metadata } from 'sharp'
import { lakeError } from '../core/errors'
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
export const MIME_BY_EXTENSION = Object.fromEntries(Object.values(FORMATS).map((f) => [f.extension, f.mimeType]))
const LQIP_SIZE = 20
/** The file name Sanity gives an image: content hash, then dimensions. */
export const ASSET_FILE = /^([a-f0-9]{40})-(\d+)x(\d+)\.([a-z0-9]+)$/

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
