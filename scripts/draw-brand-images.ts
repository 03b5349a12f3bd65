/**
 * Draws the site's raster icons and publisher logo from app/icon.svg: the Apple touch icon, the
 * favicon.ico older browsers and feed readers ask for, the manifest's icons, and the 600×60 logo
 * that names the publisher in each story's NewsArticle data. Run after changing the icon; the
 * images are committed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { MANIFEST_ICONS, PUBLISHER_LOGO } from '../lib/site/brand'

const root = join(import.meta.dirname, '..')
const icon = readFileSync(join(root, 'app/icon.svg'))
const png = (size: number) =>
  sharp(icon, { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toBuffer()

/** An ICO holding one PNG image, which every browser since Internet Explorer 9 reads. */
function icoOf(image: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22)
  header.writeUInt16LE(0, 0) // reserved
  header.writeUInt16LE(1, 2) // type: icon
  header.writeUInt16LE(1, 4) // one image
  header.writeUInt8(size, 6)
  header.writeUInt8(size, 7)
  header.writeUInt16LE(1, 10) // colour planes
  header.writeUInt16LE(32, 12) // bits per pixel
  header.writeUInt32LE(image.length, 14)
  header.writeUInt32LE(22, 18) // the image follows the header
  return Buffer.concat([header, image])
}

const { width, height } = PUBLISHER_LOGO
// The wordmark in the site's serif beside the icon, on white as Google's logo guidelines ask.
const logo = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="${width}" height="${height}" fill="#ffffff"/>
  <svg x="4" y="4" width="52" height="52" viewBox="0 0 32 32">${icon.toString().replace(/<\/?svg[^>]*>/g, '')}</svg>
  <text x="70" y="44" font-family="DejaVu Serif, Georgia, serif" font-weight="700" font-size="40" fill="#1a1a1a">Factline</text>
</svg>`

mkdirSync(join(root, 'public/icons'), { recursive: true })
writeFileSync(join(root, 'app/apple-icon.png'), await png(180))
writeFileSync(join(root, 'app/favicon.ico'), icoOf(await png(32), 32))
for (const { src, size } of MANIFEST_ICONS) writeFileSync(join(root, 'public', src), await png(size))
writeFileSync(join(root, 'public', PUBLISHER_LOGO.src), await sharp(Buffer.from(logo)).png().toBuffer())
