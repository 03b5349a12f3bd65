/** The part of a stored document a perspective looks at. */
type Stored = { _id: string }

/** Who reads: a perspective with the lake's token, or a reader without one (published, and no dotted ids). */
export type Reader = 'published' | 'drafts' | 'raw' | 'anonymous'

/**
 * The documents a reader sees, in dataset order, as Sanity presents them: the reference that plain
 * groq-js is given when a test compares the lake's answers with it.
 */
export function perspectiveView<D extends Stored>(docs: D[], reader: Reader): D[] {
  if (reader === 'raw') return docs
  if (reader === 'anonymous') return docs.filter((doc) => !doc._id.includes('.'))
  const published = docs.filter((doc) => !doc._id.startsWith('drafts.') && !doc._id.startsWith('versions.'))
  if (reader === 'published') return published
  const drafts = new Map(docs.filter((doc) => doc._id.startsWith('drafts.')).map((doc) => [doc._id.slice('drafts.'.length), doc]))
  const seen = new Set<string>()
  const shown: D[] = []
  for (const doc of docs) {
    if (doc._id.startsWith('versions.')) continue
    const id = doc._id.startsWith('drafts.') ? doc._id.slice('drafts.'.length) : doc._id
    if (seen.has(id)) continue
    seen.add(id)
    const draft = drafts.get(id)
    shown.push(draft ? { ...draft, _id: id, _originalId: draft._id } : doc)
  }
  return shown
}
