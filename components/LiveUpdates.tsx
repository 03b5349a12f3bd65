'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useState, useTransition } from 'react'

/**
 * The page's one live island: when the site says published content changed, it re-renders the
 * page from the server in place (no reload, scroll kept) and tells screen-reader users.
 */
export function LiveUpdates() {
  const router = useRouter()
  const [, startTransition] = useTransition()
  const [announcement, setAnnouncement] = useState('')
  useEffect(() => {
    const source = new EventSource('/api/live')
    source.addEventListener('content', () => {
      startTransition(() => router.refresh())
      setAnnouncement(`Page updated with the latest data at ${new Date().toLocaleTimeString()}`)
    })
    return () => source.close()
  }, [router])
  return (
    <p role="status" className="visually-hidden">
      {announcement}
    </p>
  )
}
