import type { MetadataRoute } from 'next'
import { BRAND_COLOURS, MANIFEST_ICONS } from '@/lib/site/brand'
import { SITE_DESCRIPTION, SITE_NAME } from '@/lib/site/identity'

/** `/manifest.webmanifest`: what a phone shows when a reader adds the site to the home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: SITE_NAME,
    short_name: SITE_NAME,
    description: SITE_DESCRIPTION,
    start_url: '/',
    display: 'browser',
    background_color: BRAND_COLOURS.paper,
    theme_color: BRAND_COLOURS.accent,
    icons: [
      { src: '/icon.svg', type: 'image/svg+xml', sizes: 'any' },
      ...MANIFEST_ICONS.map(({ src, size }) => ({ src: `/${src}`, type: 'image/png', sizes: `${size}x${size}` })),
    ],
  }
}
