'use client'

import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'
import { LIVE_EVENTS_PATH } from '@/lib/site/paths'

/**
 * The page's one live island: when the site says published content changed, it re-renders the
 * page from the server in place (no reload, scroll kept) and tells screen-reader users. On
 * connecting (and reconnecting) the site says when content last changed, so a change made while
 * the page was still hydrating, or while the connection was down, is not missed.
 */
export function LiveUpdates({ renderedAt }: { renderedAt: string }) {
  const router = useRouter()
  const [, startTransition] = useTransition()
  const [announcement, setAnnouncement] = useState('')
  const rendered = useRef(renderedAt)
  rendered.current = renderedAt
  useEffect(() => {
    const refresh = () => {
      startTransition(() => router.refresh())
      setAnnouncement(`Page updated with the latest data at ${new Date().toLocaleTimeString()}`)
    }
    const source = new EventSource(LIVE_EVENTS_PATH)
    source.addEventListener('content', refresh)
    source.addEventListener('hello', (event) => {
      const { lastChangeAt } = JSON.parse((event as MessageEvent<string>).data) as { lastChangeAt: string | null }
      if (lastChangeAt && lastChangeAt > rendered.current) refresh()
    })
    return () => source.close()
  }, [router])
  return (
    <p role="status" className="visually-hidden">
      {announcement}
    </p>
  )
}
