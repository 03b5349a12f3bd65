import { SITE_NAME } from '@/lib/feeds/site'

// The site's palette (app/globals.css); the card is drawn by next/og, which reads no stylesheet.
const INK = '#1a1a1a'
const ACCENT = '#0b4f8a'
const PAPER = '#ffffff'

export const SOCIAL_CARD_SIZE = { width: 1200, height: 630 }

/** What the picture shows, for its alt text. */
export const socialCardAlt = (headline: string, section?: string | null) => `${SITE_NAME}${section ? ` | ${section}` : ''}: ${headline}`

/** The picture a shared link shows: the section, the headline, and the newsroom's name. */
export function SocialCard({ headline, section }: { headline: string; section?: string | null }) {
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 72,
        background: PAPER,
        color: INK,
        borderTop: `24px solid ${ACCENT}`,
      }}
    >
      <div style={{ display: 'flex', fontSize: 36, fontWeight: 700, color: ACCENT, textTransform: 'uppercase', letterSpacing: 2 }}>
        {section ?? ''}
      </div>
      <div style={{ display: 'flex', fontSize: headline.length > 80 ? 56 : 72, fontWeight: 700, lineHeight: 1.15 }}>{headline}</div>
      <div style={{ display: 'flex', fontSize: 32, fontWeight: 700 }}>{SITE_NAME}</div>
    </div>
  )
}
