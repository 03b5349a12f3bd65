'use client'
import { lazy, Suspense } from 'react'

// Its own chunk, fetched only when rendered: readers' pages load none of it.
const PresentationRefresh = lazy(() => import('./PresentationRefresh'))

/** Click to edit for an editor's draft preview (PresentationRefresh); the layout renders it in draft mode alone. */
export function DraftVisualEditing() {
  return (
    <Suspense fallback={null}>
      <PresentationRefresh />
    </Suspense>
  )
}
