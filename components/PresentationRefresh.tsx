'use client'
import { useRouter } from 'next/navigation'
import { VisualEditing } from 'next-sanity/visual-editing'
import { useTransition } from 'react'

/**
 * An editor's draft preview inside the Studio's Presentation tool: click-to-edit overlays, and the
 * page rendered again from the server whenever the document open in the Studio changes (a
 * mutation) or the editor asks for it. Loaded through DraftVisualEditing, in draft mode only.
 */
export default function PresentationRefresh() {
  const router = useRouter()
  const [, startTransition] = useTransition()
  return (
    <VisualEditing
      refresh={(payload) => {
        if (payload.source !== 'mutation' && payload.source !== 'manual') return false
        // Draft pages are never cached (lib/content/fetch.ts), so a refresh reads the draft as it is now.
        startTransition(() => router.refresh())
        return Promise.resolve()
      }}
    />
  )
}
