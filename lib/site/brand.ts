/**
 * The site's colours where a browser shows them outside the page (the manifest, the address bar):
 * the same as `--accent` and `--paper` in app/globals.css, light and dark.
 */
export const BRAND_COLOURS = { accent: '#0b4f8a', paper: '#ffffff', darkPaper: '#121212' } as const

/** Icons the web app manifest lists beside app/icon.svg (drawn by scripts/draw-brand-images.ts). */
export const MANIFEST_ICONS = [
  { src: 'icons/icon-192.png', size: 192 },
  { src: 'icons/icon-512.png', size: 512 },
] as const

/** The publisher's logo in each story's NewsArticle data: within Google's 600×60 box. */
export const PUBLISHER_LOGO = { src: 'publisher-logo.png', width: 600, height: 60 } as const
