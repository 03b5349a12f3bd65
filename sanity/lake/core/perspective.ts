import { lakeError } from './errors'

export type Perspective = 'published' | 'drafts' | 'raw'

export function parsePerspective(value: string | null | undefined): Perspective {
  if (!value || value === 'published') return 'published'
  if (value === 'drafts' || value === 'previewDrafts') return 'drafts'
  if (value === 'raw') return 'raw'
  throw lakeError(400, 'invalidPerspective', `Unsupported perspective "${value}": use published, drafts or raw`)
}

/** Who reads: with a token, any perspective; without one, published documents with public ids only. */
export type Reader = Perspective | 'anonymous'
