import { readFile } from 'node:fs/promises'
import path from 'node:path'
import satori, { type Font } from 'satori'
import sharp from 'sharp'
import { SOCIAL_CARD_FONT, SOCIAL_CARD_SIZE, SocialCard } from '@/components/SocialCard'
import { SITE_NAME } from '@/lib/site/identity'
import { CARD_HEADLINE_MAX_CHARACTERS, CARD_SECTION_MAX_CHARACTERS, cardText } from './cardText'
import { coveredBy } from './fontCoverage'

// Noto Sans from the @fontsource package (SIL Open Font License, in the package), read from the
// project's own node_modules as Next's documentation does for a card's local fonts: the card
// never fetches a font or an emoji from the internet, so it renders offline.
const FONT_PACKAGE = path.join(process.cwd(), 'node_modules/@fontsource/noto-sans')
const SUBSETS = ['latin', 'latin-ext', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext', 'vietnamese', 'devanagari']

type Typeface = { fonts: Font[]; canDraw: (codePoint: number) => boolean }
let typeface: Promise<Typeface> | undefined
let fallback: Promise<Buffer> | undefined

async function readTypeface(): Promise<Typeface> {
  const ranges: Record<string, string> = JSON.parse(await readFile(path.join(FONT_PACKAGE, 'unicode.json'), 'utf8'))
  const fonts = await Promise.all(
    SUBSETS.map(async (subset) => ({
      // Each subset under its own name: satori keeps one font per name and weight.
      name: `${SOCIAL_CARD_FONT} ${subset}`,
      data: await readFile(path.join(FONT_PACKAGE, 'files', `noto-sans-${subset}-700-normal.woff`)),
      weight: 700 as const,
      style: 'normal' as const,
    })),
  )
  return { fonts, canDraw: coveredBy(SUBSETS.map((subset) => ranges[subset] ?? '')) }
}

function loadTypeface(): Promise<Typeface> {
  typeface ??= readTypeface().catch((error) => {
    typeface = undefined
    throw error
  })
  return typeface
}

/**
 * The card as a PNG: its text cut to what fits and to what the local fonts can draw, laid out by
 * satori with those fonts only (nothing is looked up online), drawn by sharp.
 */
export async function renderSocialCard(card: { headline: unknown; section?: unknown }): Promise<Buffer> {
  const { fonts, canDraw } = await loadTypeface()
  const headline = cardText(card.headline, CARD_HEADLINE_MAX_CHARACTERS, canDraw) || SITE_NAME
  const section = cardText(card.section, CARD_SECTION_MAX_CHARACTERS, canDraw)
  const svg = await satori(<SocialCard headline={headline} section={section} />, {
    ...SOCIAL_CARD_SIZE,
    fonts,
    loadAdditionalAsset: async () => [],
  })
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/** The newsroom's own card, drawn once per process: what a story whose card cannot be drawn shows. */
export function fallbackSocialCard(): Promise<Buffer> {
  fallback ??= renderSocialCard({ headline: SITE_NAME }).catch((error) => {
    fallback = undefined
    throw error
  })
  return fallback
}
