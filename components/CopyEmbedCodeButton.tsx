'use client'

import { useId, useState } from 'react'

/**
 * Copies the `<iframe>` that embeds a chart or figure on a partner's page. Where the clipboard is
 * refused, the code is shown selected to copy by hand; either way screen readers hear the outcome.
 */
export function CopyEmbedCodeButton({ code, label = 'Copy embed code' }: { code: string; label?: string }) {
  const [status, setStatus] = useState('')
  const [shown, setShown] = useState(false)
  const codeId = useId()
  async function copy() {
    try {
      await navigator.clipboard.writeText(code)
      setStatus('Embed code copied')
    } catch {
      setShown(true)
      setStatus('Copy the embed code below')
    }
  }
  return (
    <div className="share">
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span role="status" className="share__status">
        {status}
      </span>
      {shown && (
        <textarea id={codeId} aria-label="Embed code" readOnly value={code} rows={3} cols={60} ref={(element) => element?.select()} />
      )}
    </div>
  )
}
