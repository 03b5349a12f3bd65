'use client'

import { useSelectedLayoutSegment } from 'next/navigation'
import type { ReactNode } from 'react'
import { EMBED_SEGMENT } from '@/lib/site/paths'

/** The site's own chrome (banner, header, footer): on every page but an embed, which a partner frames in theirs. */
export function SiteChrome({ children }: { children: ReactNode }) {
  return useSelectedLayoutSegment() === EMBED_SEGMENT ? null : children
}
