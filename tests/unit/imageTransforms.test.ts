import { describe, expect, it } from 'vitest'
import { canonicalImageRequest, IMAGE_QUALITY, RESPONSIVE_IMAGE_WIDTHS } from '@/lib/content/imageTransforms'

const FILE = `${'a'.repeat(40)}-1200x600.jpg`

describe('the image transforms the site serves', () => {
  it.each([
    ['a srcset width', '?w=640&q=80&auto=format'],
    ['the feed width', '?w=1200&q=80&auto=format'],
    ['the widest srcset width, above the original', '?w=1600&q=80&auto=format'],
    ['a cropped region', '?rect=240,60,960,480&w=640&q=80&auto=format'],
    ['a region reaching the far corner', '?rect=0,0,1200,600&w=320&q=80&auto=format'],
  ])('serves %s as it is', (_name, search) => {
    expect(canonicalImageRequest(FILE, search)).toEqual({ kind: 'canonical', search })
  })

  it('serves the original width of a narrower picture', () => {
    const search = '?w=700&q=80&auto=format'
    expect(canonicalImageRequest(`${'b'.repeat(40)}-700x400.png`, search)).toEqual({ kind: 'canonical', search })
  })

  it.each([
    ['parameters in another order', '?q=80&auto=format&w=640', '?w=640&q=80&auto=format'],
    ['a width with a leading zero', '?w=0640&q=80&auto=format', '?w=640&q=80&auto=format'],
    ['a width written as a decimal', '?w=640.0&q=80&auto=format', '?w=640&q=80&auto=format'],
    ['an escaped comma in rect', '?rect=240%2C60%2C960%2C480&w=640&q=80&auto=format', '?rect=240,60,960,480&w=640&q=80&auto=format'],
    ['a rect with leading zeros', '?rect=0240,60,960,480&w=640&q=80&auto=format', '?rect=240,60,960,480&w=640&q=80&auto=format'],
  ])('redirects %s to the canonical URL', (_name, search, canonical) => {
    expect(canonicalImageRequest(FILE, search)).toEqual({ kind: 'redirect', search: canonical })
  })

  it.each([
    ['a width one more than a served one', '?w=641&q=80&auto=format', 'Width 641 is not served'],
    ['a huge width', '?w=4000&q=80&auto=format', 'Width 4000 is not served'],
    ['no width', '?q=80&auto=format', '"w" is required'],
    ['a quality one less', '?w=640&q=79&auto=format', 'Quality 79 is not served'],
    ['full quality', '?w=640&q=100&auto=format', 'Quality 100 is not served'],
    ['an explicit AVIF', '?w=640&q=80&auto=format&fm=avif', '"fm" is not served'],
    ['blur', '?w=640&q=80&auto=format&blur=2000', '"blur" is not served'],
    ['a height', '?w=640&h=4000&q=80&auto=format', '"h" is not served'],
    ['a device pixel ratio', '?w=640&q=80&auto=format&dpr=5', '"dpr" is not served'],
    ['a fit', '?w=640&q=80&auto=format&fit=fill', '"fit" is not served'],
    ['a cache-busting parameter', '?w=640&q=80&auto=format&x=1', '"x" is not served'],
    ['a width given twice', '?w=640&w=320&q=80&auto=format', '"w" is given twice'],
    ['another auto', '?w=640&q=80&auto=enhance', 'auto=enhance is not served'],
    ['no query at all', '', '"w" is required'],
    ['a region outside the picture', '?rect=1000,0,400,600&w=640&q=80&auto=format', 'is not a region'],
    ['a region of no width', '?rect=0,0,0,600&w=640&q=80&auto=format', 'is not a region'],
    ['a negative region', '?rect=-1,0,10,10&w=640&q=80&auto=format', 'is not a region'],
    ['a fractional region', '?rect=0.5,0,10,10&w=640&q=80&auto=format', 'is not a region'],
    ['a sliver stretched to millions of pixels', '?rect=0,0,1,600&w=1600&q=80&auto=format', 'more than 5120000 pixels'],
  ])('refuses %s', (_name, search, message) => {
    const result = canonicalImageRequest(FILE, search)
    expect(result.kind).toBe('refused')
    expect(result.kind === 'refused' && result.message).toContain(message)
  })

  it('refuses a file name that is not an asset', () => {
    expect(canonicalImageRequest('flag.jpg', '?w=640&q=80&auto=format').kind).toBe('refused')
  })

  it('gives every picture at most one URL per width', () => {
    const urls = new Set(
      RESPONSIVE_IMAGE_WIDTHS.flatMap((w) =>
        [`?w=${w}&q=${IMAGE_QUALITY}&auto=format`, `?auto=format&q=${IMAGE_QUALITY}&w=${w}`].map((search) => {
          const result = canonicalImageRequest(FILE, search)
          return result.kind === 'refused' ? result.message : result.search
        }),
      ),
    )
    expect(urls.size).toBe(RESPONSIVE_IMAGE_WIDTHS.length)
  })
})
