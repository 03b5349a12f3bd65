'use client'

import { useState } from 'react'

/** Copies the article's address; the confirmation is announced to screen readers. */
export function CopyLinkButton({ path }: { path: string }) {
  const [status, setStatus] = useState('')
  async function copy() {
    const url = new URL(path, window.location.origin).href
    try {
      await navigator.clipboard.writeText(url)
      setStatus('Link copied')
    } catch {
      setStatus(`Copy this link: ${url}`)
    }
  }
  return (
    <div className="share">
      <button type="button" onClick={copy}>
        Copy link
      </button>
      <span role="status" className="share__status">
        {status}
      </span>
    </div>
  )
}
