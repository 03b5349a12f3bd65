/** A draft is stored under its published id with this prefix. */
export const DRAFT_PREFIX = 'drafts.'
/** A document in a release is stored as `versions.<release>.<id>`. */
export const VERSION_PREFIX = 'versions.'

export const isDraftId = (id: string) => id.startsWith(DRAFT_PREFIX)
export const isVersionId = (id: string) => id.startsWith(VERSION_PREFIX)
/** Ids with a dot (`drafts.x`, `versions.r.x`, `x.y`) are private, as in hosted Sanity: readable only with a token. */
export const isPublicId = (id: string) => !id.includes('.')
/** Whether an id is a published document's (not a draft's or a release version's). */
export const isPublishedId = (id: string) => !isDraftId(id) && !isVersionId(id)
