import type { Metadata } from 'next'
import type { ReactNode } from 'react'
import { DraftModeBanner } from '@/components/DraftModeBanner'
import { LiveUpdates } from '@/components/LiveUpdates'
import { SiteChrome } from '@/components/SiteChrome'
import { SiteFooter, SiteHeader } from '@/components/SiteHeader'
import { loadSections } from '@/lib/content/fetch'
import { feedAlternates } from '@/lib/feeds/formats'
import { siteScope } from '@/lib/feeds/scopes'
import { SITE_DESCRIPTION, SITE_NAME, siteUrlFromEnv } from '@/lib/feeds/site'
import './globals.css'

export const metadata: Metadata = {
  metadataBase: new URL(siteUrlFromEnv()),
  title: { default: SITE_NAME, template: `%s | ${SITE_NAME}` },
  description: SITE_DESCRIPTION,
  // Every page links the site's feeds; section, author and story pages add their own.
  alternates: { types: feedAlternates(siteScope) },
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
