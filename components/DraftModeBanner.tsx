import { draftMode } from 'next/headers'
import { ExitPreviewLink } from './ExitPreviewLink'

/** Shown on every page while an editor previews drafts, so a draft is never mistaken for the published story. */
export async function DraftModeBanner() {
  if (!(await draftMode()).isEnabled) return null
  return (
    <aside className="draft-banner" aria-label="Draft preview">
      <p>
        <strong>Draft preview.</strong> You are seeing unpublished changes; readers see the published version.
      </p>
      <ExitPreviewLink />
    </aside>
  )
}
