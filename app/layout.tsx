import type { Metadata, Viewport } from 'next'
import type { ReactNode } from 'react'
import { DraftModeBanner } from '@/components/DraftModeBanner'
import { LiveUpdates } from '@/components/LiveUpdates'
import { SiteChrome } from '@/components/SiteChrome'
import { SiteFooter } from '@/components/SiteFooter'
import { SiteHeader } from '@/components/SiteHeader'
import { loadSections } from '@/lib/content/fetch'
import { feedAlternates } from '@/lib/feeds/formats'
import { siteScope } from '@/lib/feeds/scopes'
import { BRAND_COLOURS } from '@/lib/site/brand'
import { SITE_DESCRIPTION, SITE_NAME, siteUrlFromEnv } from '@/lib/site/identity'
import './globals.css'

// The browser's own surfaces (address bar, the page before CSS arrives) follow the reader's palette.
export const viewport: Viewport = {
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: BRAND_COLOURS.paper },
    { media: '(prefers-color-scheme: dark)', color: BRAND_COLOURS.darkPaper },
  ],
}

// A function rather than a constant so the origin is read when a page renders (lib/site/identity.ts).
export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(siteUrlFromEnv()),
    title: { default: SITE_NAME, template: `%s | ${SITE_NAME}` },
    description: SITE_DESCRIPTION,
    // Every page links the site's feeds; section, author and story pages add their own.
    alternates: { types: feedAlternates(siteScope) },
  }
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const sections = await loadSections()
  return (
    <html lang="en">
      <body>
        <SiteChrome>
          <DraftModeBanner />
          <SiteHeader sections={sections} />
        </SiteChrome>
        <main id="main">{children}</main>
        <SiteChrome>
          <SiteFooter />
        </SiteChrome>
        <LiveUpdates renderedAt={new Date().toISOString()} />
      </body>
    </html>
  )
}
