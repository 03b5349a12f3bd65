/**
 * The image transforms the site asks for, and nothing else. Like Next's image optimizer
 * (`images.deviceSizes`, `images.qualities`), the embedded lake's images are served only at the
 * widths and quality the site's own pages and feeds use, so a crafted URL can neither ask for an
 * expensive render (huge sizes, AVIF at full quality, blur) nor miss the cache by varying a
 * parameter by one: every picture has a handful of URLs, each written one way.
 */

/** The widths of a picture's srcset. */
export const RESPONSIVE_IMAGE_WIDTHS: readonly number[] = [320, 480, 640, 960, 1280, 1600]
/** Wide enough for any reader's column; feed readers do not pick from a srcset. */
export const FEED_IMAGE_WIDTH = 1200
export const IMAGE_QUALITY = 80
/** No transform renders more than this many pixels (a 1600-wide portrait at 1:2). */
export const MAX_IMAGE_PIXELS = 1600 * 3200

const SERVED_WIDTHS: ReadonlySet<number> = new Set([...RESPONSIVE_IMAGE_WIDTHS, FEED_IMAGE_WIDTH])
/** The lake's asset file name: content hash, dimensions, extension. */
const ASSET_FILE = /^[a-f0-9]{40}-(\d+)x(\d+)\.[a-z0-9]+$/
/** Parameters in the order @sanity/image-url writes them; `auto=format` lets the lake pick AVIF, WebP or the original by Accept. */
const PARAMETERS = ['rect', 'w', 'q', 'auto'] as const
const REQUIRED = new Set(['w', 'q', 'auto'])

export type ImageRequest =
  | { kind: 'canonical'; search: string }
  | { kind: 'redirect'; search: string }
  | { kind: 'refused'; message: string }

const refused = (message: string): ImageRequest => ({ kind: 'refused', message })

/**
 * What to do with a request for `fileName` with query `search`: serve it (it is the canonical
 * URL of a transform the site uses), redirect to the canonical URL (the same transform written
 * another way), or refuse it with the reason.
 */
export function canonicalImageRequest(fileName: string, search: string): ImageRequest {
  const file = ASSET_FILE.exec(fileName)
  if (!file) return refused(`"${fileName}" is not an image file name`)
  const source = { width: Number(file[1]), height: Number(file[2]) }
  const params = new URLSearchParams(search)
  const values = new Map<string, string>()
  for (const [name, value] of params) {
    if (!(PARAMETERS as readonly string[]).includes(name)) return refused(`The image parameter "${name}" is not served here`)
    if (values.has(name)) return refused(`The image parameter "${name}" is given twice`)
    values.set(name, value)
  }
  for (const name of REQUIRED) if (!values.has(name)) return refused(`The image parameter "${name}" is required`)

  const width = Number(values.get('w'))
  if (!SERVED_WIDTHS.has(width) && width !== source.width) {
    return refused(`Width ${values.get('w')} is not served; widths are ${[...SERVED_WIDTHS].join(', ')} or the original's ${source.width}`)
  }
  if (Number(values.get('q')) !== IMAGE_QUALITY) return refused(`Quality ${values.get('q')} is not served; quality is ${IMAGE_QUALITY}`)
  if (values.get('auto') !== 'format') return refused(`auto=${values.get('auto')} is not served; auto is "format"`)
  const rect = values.has('rect') ? parseRect(values.get('rect') ?? '', source) : { left: 0, top: 0, ...source }
  if (!rect) return refused(`rect=${values.get('rect')} is not a region of this ${source.width}x${source.height} image`)
  if (width * Math.round((width * rect.height) / rect.width) > MAX_IMAGE_PIXELS) {
    return refused(`${width} pixels wide, this region would be more than ${MAX_IMAGE_PIXELS} pixels`)
  }

  const canonical = new URLSearchParams()
  if (values.has('rect')) canonical.set('rect', [rect.left, rect.top, rect.width, rect.height].join(','))
  canonical.set('w', String(width))
  canonical.set('q', String(IMAGE_QUALITY))
  canonical.set('auto', 'format')
  // A comma is what @sanity/image-url writes in rect; URLSearchParams would escape it.
  const canonicalSearch = `?${canonical.toString().replaceAll('%2C', ',')}`
  return canonicalSearch === search ? { kind: 'canonical', search } : { kind: 'redirect', search: canonicalSearch }
}

/** `left,top,width,height` in whole pixels, inside the image (as @sanity/image-url computes it from a crop). */
function parseRect(value: string, source: { width: number; height: number }) {
  if (!/^\d{1,5}(,\d{1,5}){3}$/.test(value)) return undefined
  const [left = 0, top = 0, width = 0, height = 0] = value.split(',').map(Number)
  const inside = width > 0 && height > 0 && left + width <= source.width && top + height <= source.height
  return inside ? { left, top, width, height } : undefined
}
