import type { Metadata } from 'next'
import { connection } from 'next/server'
import type { ReactNode } from 'react'
import { DraftModeBanner } from '@/components/DraftModeBanner'
import { LiveUpdates } from '@/components/LiveUpdates'
import { SiteFooter, SiteHeader } from '@/components/SiteHeader'
import { loadHome } from '@/lib/content/fetch'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'Factline', template: '%s | Factline' },
  description: 'News where every trade figure links to its data.',
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request so each page carries its own CSP nonce; content fetches stay cached.
  await connection()
  const { sections } = await loadHome()
  return (
    <html lang="en">
      <body>
        <DraftModeBanner />
        <SiteHeader sections={sections} />
        <main id="main">{children}</main>
        <SiteFooter />
        <LiveUpdates />
      </body>
    </html>
  )
}
