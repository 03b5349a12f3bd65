import fs from 'node:fs'
import path from 'node:path'
import { httpError, lakeError } from '../../core/errors'
import { ASSET_FILE, type ImageUploadMeta, MIME_BY_EXTENSION, storeImage } from '../../images/store'
import { OUTPUT_MIME, parseTransform } from '../../images/transform'
import { IMAGE_BODY_LIMIT, readBody, sendJson } from '../request'
import type { Exchange } from '../routing'

/**
 * `GET|HEAD /images/:projectId/:dataset/:file`: Sanity's image CDN for the lake's assets, with the
 * parameters @sanity/image-url writes (size, fit, crop, rect, format, quality, dpr, auto=format...).
 */
export async function serveImage({ req, res, url, params, lake }: Exchange): Promise<void> {
  const fileName = params.file ?? ''
  const match = ASSET_FILE.exec(fileName)
  const file = path.join(lake.images.assetsDir, fileName)
  if (!match || !fs.existsSync(file)) throw httpError(404, `Image "${fileName}" not found`)
  const [, , width, height, extension = ''] = match
  const source = { width: Number(width), height: Number(height), extension }
  const search = url.searchParams
  const transform = parseTransform(search, source, req.headers.accept ?? '')
  const headers: Record<string, string> = {
    'Cache-Control': 'public, max-age=31536000, immutable',
    ...(search.get('auto') === 'format' ? { Vary: 'Accept' } : {}),
    ...(search.has('dl') ? { 'Content-Disposition': `attachment; filename="${downloadName(search.get('dl'), fileName)}"` } : {}),
  }
  const body = transform ? await lake.renderer.render(file, transform) : await fs.promises.readFile(file)
  const mimeType = transform ? OUTPUT_MIME[transform.format] : (MIME_BY_EXTENSION[extension] ?? 'application/octet-stream')
  res.writeHead(200, { ...headers, 'Content-Type': mimeType, 'Content-Length': String(body.length) })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** `POST /assets/images/:dataset`: stores an image and answers with its asset document. */
export async function uploadImage({ req, res, url, lake }: Exchange) {
  const bytes = await readBody(req, IMAGE_BODY_LIMIT)
  if (bytes.length === 0) throw lakeError(400, 'invalidImage', 'The upload is empty')
  const asset = await storeImage(bytes, uploadMeta(url.searchParams), lake.images)
  // The same bytes make the same asset: a re-upload returns the document already there.
  const existing = lake.store.get(asset._id)
  const document = existing ?? (await lake.runner.run([{ createIfNotExists: asset }])).results[0]?.document
  sendJson(res, 200, { document })
}

function uploadMeta(search: URLSearchParams): ImageUploadMeta {
  const text = (name: string) => search.get(name) || undefined
  const sourceId = text('sourceId')
  const sourceName = text('sourceName')
  return {
    filename: text('filename'),
    label: text('label'),
    title: text('title'),
    description: text('description'),
    creditLine: text('creditLine'),
    source: sourceId && sourceName ? { id: sourceId, name: sourceName, url: text('sourceUrl') } : undefined,
  }
}

function downloadName(requested: string | null, fileName: string): string {
  const name = requested && requested !== 'true' ? requested : fileName
  return name.replace(/["\\\r\n]/g, '_')
}
