import type { FilterDefault, StegaConfig } from '@sanity/client'
import { studioUrlFromEnv } from './studioUrl'

/**
 * Fields whose text readers see as prose, the only ones where stega's invisible click-to-edit
 * markers may ride along in a draft preview. Everything else stays exactly as stored, because the
 * site computes with it: periods ("2021-03"), series codes, statuses, kinds, the editor's fallback
 * text a figure is checked against, slugs and alt text. Trade figures are numbers, which stega
 * cannot carry: they get explicit `data-sanity` targets instead (lib/content/editTargets.ts).
 */
export const PROSE_FIELDS: ReadonlySet<string> = new Set(['headline', 'standfirst', 'text', 'caption', 'credit', 'title', 'name'])

/** Sanity's own rules (no dates, URLs, ids, slugs, SEO fields) narrowed to the prose fields. */
export const proseOnly: FilterDefault = (props) => {
  const field = props.sourcePath.at(-1)
  return typeof field === 'string' && PROSE_FIELDS.has(field) && props.filterDefault(props)
}

/**
 * Stega for the draft-preview client only: a reader's query never carries it. It encodes as soon
 * as the content source returns Content Source Maps with its answers (hosted Sanity does; where a
 * source returns none, the text comes back unchanged).
 */
export function draftPreviewStega(studioUrl: string = studioUrlFromEnv()): StegaConfig {
  return { enabled: true, studioUrl, filter: proseOnly }
}
