/**
 * Draws the seed pictures: the North Korean flag for the reference story, and abstract images
 * for the sample articles (labelled as samples in their captions and credits). Run once; the
 * JPEGs are committed beside data.ndjson as a dataset export would carry them.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'

const out = join(import.meta.dirname, 'images')

// Proportions from the flag's specification: 1:2, stripes 6:1:30:1:6 (in 44ths), star disc on the hoist side.
const flag = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600" viewBox="0 0 88 44">
  <rect width="88" height="44" fill="#024FA2"/>
  <rect y="6" width="88" height="32" fill="#fff"/>
  <rect y="7" width="88" height="30" fill="#ED1C27"/>
  <circle cx="29" cy="22" r="10" fill="#fff"/>
  <polygon fill="#ED1C27" transform="translate(29 22) scale(10)"
    points="0,-1 0.2245,-0.309 0.9511,-0.309 0.3633,0.118 0.5878,0.809 0,0.382 -0.5878,0.809 -0.3633,0.118 -0.9511,-0.309 -0.2245,-0.309"/>
</svg>`

const bars = (colors: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#f4f1ea"/>${colors
    .map((c, i) => `<rect x="${120 + i * 180}" y="${560 - (i + 2) * 70}" width="120" height="${(i + 2) * 70}" fill="${c}"/>`)
    .join('')}</svg>`

const stripes = (bg: string, fg: string, horizontal: boolean) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="${bg}"/>${Array.from(
    { length: 8 },
    (_, i) =>
      horizontal
        ? `<rect y="${40 + i * 80}" width="1200" height="24" fill="${fg}"/>`
        : `<rect x="${60 + i * 150}" width="40" height="675" fill="${fg}"/>`,
  ).join('')}</svg>`

const images: Record<string, string> = {
  'north-korean-flag.jpg': flag,
  'sample-data-desk.jpg': bars(['#1d4e89', '#c0392b', '#1d4e89', '#c0392b', '#1d4e89']),
  'sample-containers.jpg': bars(['#d35400', '#2c3e50', '#16a085', '#8e44ad', '#c0392b']),
  'sample-river.jpg': `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#3c7d3a"/><rect y="260" width="1200" height="160" fill="#2e6fa7"/></svg>`,
  'sample-rail.jpg': stripes('#b9b4a8', '#555', true),
  'sample-ledger.jpg': stripes('#fbfaf6', '#d8d2c4', false),
  'sample-portrait-kim.jpg': `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="#e8e2d6"/><circle cx="300" cy="230" r="110" fill="#8a7f6d"/><rect x="140" y="380" width="320" height="220" rx="140" fill="#8a7f6d"/></svg>`,
}

mkdirSync(out, { recursive: true })
for (const [name, svg] of Object.entries(images)) {
  await sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toFile(join(out, name))
}
console.log(`wrote ${Object.keys(images).length} images to ${out}`)
