import { draftPreviewPath, storyPath } from '../lib/site/paths'

/** The site the Studio previews on: SANITY_STUDIO_PREVIEW_URL, by default the local dev server. */
export const PREVIEW_SITE_URL = (process.env.SANITY_STUDIO_PREVIEW_URL || 'http://localhost:3000').replace(/\/+$/, '')

type PreviewableDocument = { _type?: string; slug?: { current?: string } }

/**
 * Where "Open preview" takes an editor: the article through the site's draft-mode route, so the
 * draft shows as readers will see it once published. Without a preview secret in the Studio's
 * environment (SANITY_STUDIO_PREVIEW_SECRET, the site's SANITY_PREVIEW_SECRET) it opens the
 * published page instead.
 */
export function articlePreviewUrl(
  document: PreviewableDocument,
  site = PREVIEW_SITE_URL,
  secret = process.env.SANITY_STUDIO_PREVIEW_SECRET,
): string | undefined {
  const slug = document.slug?.current
  if (document._type !== 'article' || !slug) return undefined
  const path = storyPath(encodeURIComponent(slug))
  return `${site}${secret ? draftPreviewPath(secret, path) : path}`
}
