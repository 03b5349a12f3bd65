import { httpError } from '../core/errors'

/** An image request's parameters (Sanity's image API), validated against the source image. */
type Fit = 'clip' | 'crop' | 'fill' | 'fillmax' | 'max' | 'min' | 'scale'
type OutputFormat = 'jpg' | 'pjpg' | 'png' | 'webp' | 'avif' | 'gif'
export type Region = { left: number; top: number; width: number; height: number }

/** An image request's parameters, validated and resolved against the source image. */
export type Transform = {
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
export const OUTPUT_MIME: Record<OutputFormat, string> = {
  jpg: 'image/jpeg',
  pjpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
}

/** `undefined` when the original file can be sent as it is. */
export function parseTransform(
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
