import { createHmac } from 'node:crypto'
import { DRAFT_PREFIX, isDraftId, isVersionId, VERSION_PREFIX } from '../core/ids'
import { collectRefs } from '../storage/change'
import { slugOf } from '../storage/documentTable'
import type { LakeDocument } from '../storage/store'
import type { DocumentIndexes, DocumentSource } from './source'

/**
 * Sync tags, as hosted Sanity's Live Content API uses them: a query's answer names what it read,
 * and each committed transaction names what it changed; a client refetches a query when the two
 * meet. Both sides are built from the same keys, so a change reaches every query it could alter:
 *
 * - `t:<type>`: a query that started from a type (its index, an ordered walk, a count) hears of
 *   every change to a document that had or has that type;
 * - `d:<id>`: a lookup by id (`->`, `_id ==`) hears of changes to that document, its draft or its
 *   versions, including its creation after a lookup found nothing;
 * - `s:<slug>`, `r:<id>`: a query that started from a slug, or from the documents citing an id;
 * - `all`: a query that read the whole dataset or the word index hears of every change.
 *
 * The keys are a superset of what can change an answer (a missed change would be a stale page; an
 * extra one, a refetch), and collecting them costs a set insertion per index lookup, never a
 * look at documents the query did not read.
 */
const EVERYTHING = 'all'
/** More tags than Next.js keeps for one cache entry: the answer is tagged `all` instead. */
const MAX_TAGS = 128
/** Tags worked out are kept (most keys recur: types, popular documents) up to this many. */
const KEPT_TAGS = 50_000

/**
 * Turns keys into opaque tags: short, URL- and cache-tag-safe, the same as long as the lake's
 * token is. Keyed with the token, so a stream without drafts (open to anyone) cannot be used to
 * confirm that a document with a guessed id or type changed.
 */
export class SyncTagger {
  private readonly tags = new Map<string, string>()

  constructor(private readonly secret: string) {}

  /** A query's sync tags from the keys its evaluation collected. */
  ofQuery(keys: ReadonlySet<string>): string[] {
    if (keys.has(EVERYTHING) || keys.size > MAX_TAGS) return [this.tagOf(EVERYTHING)]
    return [...keys].map((key) => this.tagOf(key))
  }

  /** The sync tags of a transaction's changes; `counterpart` finds the stored draft or published version beside a changed one. */
  ofChanges(
    changes: readonly { id: string; before: LakeDocument | null; after: LakeDocument | null }[],
    counterpart?: (id: string) => LakeDocument | undefined,
  ): string[] {
    const keys = new Set<string>([EVERYTHING])
    for (const { id, before, after } of changes) {
      keys.add(`d:${baseId(id)}`)
      // In the drafts perspective a draft hides its published document: changing one can show the other.
      for (const doc of [before, after, counterpart?.(id)]) {
        if (!doc) continue
        keys.add(`t:${doc._type}`)
        const slug = slugOf(doc)
        if (slug !== undefined) keys.add(`s:${slug}`)
        for (const ref of collectRefs(doc)) keys.add(`r:${ref}`)
      }
    }
    return [...keys].map((key) => this.tagOf(key))
  }

  private tagOf(key: string): string {
    let tag = this.tags.get(key)
    if (tag === undefined) {
      tag = `s1:${createHmac('sha256', this.secret).update(key).digest('base64url').slice(0, 12)}`
      if (this.tags.size >= KEPT_TAGS) this.tags.clear()
      this.tags.set(key, tag)
    }
    return tag
  }
}

/**
 * The source, adding to `keys` what each read depends on. Once the answer is bound to be tagged
 * `all` (the whole dataset was read, or there are too many keys) nothing more is recorded.
 */
export function recordingSyncKeys(source: DocumentSource, keys: Set<string>): DocumentSource {
  const note = (key: string) => {
    if (keys.has(EVERYTHING)) return
    keys.add(keys.size < MAX_TAGS ? key : EVERYTHING)
  }
  const keyed =
    <V, A extends unknown[], T>(key: (value: V) => string, read: (value: V, ...rest: A) => T) =>
    (value: V, ...rest: A) => {
      if (!keys.has(EVERYTHING)) note(key(value))
      return read(value, ...rest)
    }
  // Lookups by id are the most frequent read (every `->`): no spread arguments, no key once `all`.
  const byId = (read: (id: string) => LakeDocument | undefined) => (id: string) => {
    if (!keys.has(EVERYTHING)) note(`d:${baseId(id)}`)
    return read(id)
  }
  const type = (name: string) => `t:${name}`
  const indexes = source.indexes
  const recorded: DocumentIndexes | undefined = indexes && {
    ...indexes,
    byId: byId(indexes.byId),
    ofType: indexes.ofType && keyed(type, indexes.ofType),
    ordered: indexes.ordered && keyed(type, indexes.ordered),
    orderedReferencing: indexes.orderedReferencing && keyed(type, indexes.orderedReferencing),
    countOfType: indexes.countOfType && keyed(type, indexes.countOfType),
    withSlug: indexes.withSlug && keyed((slug) => `s:${slug}`, indexes.withSlug),
    referencing: indexes.referencing && keyed((id) => `r:${id}`, indexes.referencing),
    // A `match` starts from the word index: any document's words can change what it finds.
    matchingWords: indexes.matchingWords && keyed(() => EVERYTHING, indexes.matchingWords),
    // A ranked search reads every document of its type through the type's text indexes.
    searchable: indexes.searchable && keyed(type, indexes.searchable),
  }
  return {
    get: byId(source.get),
    all: () => {
      note(EVERYTHING)
      return source.all()
    },
    indexes: recorded,
  }
}

/** The published id under a draft's or a version's (`drafts.x`, `versions.r.x`: `x`). */
function baseId(id: string): string {
  if (isDraftId(id)) return id.slice(DRAFT_PREFIX.length)
  if (isVersionId(id)) return id.slice(id.indexOf('.', VERSION_PREFIX.length) + 1)
  return id
}
