import { SITE_NAME } from '@/lib/site/identity'

// The site's palette (app/globals.css); the card is drawn by satori, which reads no stylesheet.
const INK = '#1a1a1a'
const ACCENT = '#0b4f8a'
const PAPER = '#ffffff'
const PADDING = 72

export const SOCIAL_CARD_SIZE = { width: 1200, height: 630 }
/** The one typeface the card is drawn in (lib/social/renderSocialCard.tsx loads it). */
export const SOCIAL_CARD_FONT = 'Noto Sans'

/** What the picture shows, for its alt text. */
export const socialCardAlt = (headline: string, section?: string | null) => `${SITE_NAME}${section ? ` | ${section}` : ''}: ${headline}`

/**
 * The picture a shared link shows: the section, the headline and the newsroom's name. The text
 * comes already cut to what fits (lib/social/renderSocialCard.tsx).
 */
export function SocialCard({ headline, section }: { headline: string; section: string }) {
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: PADDING,
        boxSizing: 'border-box',
        background: PAPER,
        color: INK,
        borderTop: `24px solid ${ACCENT}`,
        fontFamily: `${SOCIAL_CARD_FONT} latin`,
      }}
    >
      <div style={{ display: 'flex', fontSize: 36, fontWeight: 700, color: ACCENT, textTransform: 'uppercase', letterSpacing: 2 }}>
        {section}
      </div>
      <div
        style={{
          display: 'flex',
          maxWidth: SOCIAL_CARD_SIZE.width - 2 * PADDING,
          fontSize: headline.length > 80 ? 56 : 72,
          fontWeight: 700,
          lineHeight: 1.15,
        }}
      >
        {headline}
      </div>
      <div style={{ display: 'flex', fontSize: 32, fontWeight: 700 }}>{SITE_NAME}</div>
    </div>
  )
}
