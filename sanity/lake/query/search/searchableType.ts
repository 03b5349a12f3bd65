import { compareOrder, type OrderEntry } from '../../storage/orderedIndex'
import type { SearchTerm } from '../../storage/searchWords'
import type { DocumentStore } from '../../storage/store'
import type { AstNode } from '../ast'
import type { OrderedDocuments } from '../source'

/**
 * A text of a type with more documents than this is indexed in the background the first time it is
 * searched (groq-js answers until then); a smaller type's at once.
 */
const INDEXED_AT_ONCE = 2_000

/** A text's word index as a search reads it: documents by their dataset position. */
export type TextIndex = {
  /** The positions whose text has a word for every term, ascending. */
  matching(terms: readonly SearchTerm[]): number[]
  /** How many tokens of its text the term matches, for each of the candidates (positions, ascending) in turn. */
  frequencies(term: SearchTerm, candidates: readonly number[]): Uint32Array
}

const storeTypes = new WeakMap<DocumentStore, Map<string, SearchableType>>()

/**
 * The stored documents of one type as searches read them, by dataset position: the word indexes of
 * the texts searches asked for, which the store keeps in its database (storage/searchPostings.ts),
 * and what else a search needs of the documents, worked out when asked.
 */
export class SearchableType {
  /** Id → the document's own numeric `_score` (which `score()` adds to), where it has one (of any type: only this type's are asked for); read on first use. */
  private ownScores: Map<string, number> | undefined
  private readonly ranks = new WeakMap<readonly unknown[], { version: number; ranks: Int32Array }>()
  /** Texts groq-js failed to work out for a document: groq-js answers their searches until a restart. */
  private readonly failed = new Set<string>()

  private constructor(
    readonly type: string,
    private readonly store: DocumentStore,
  ) {}

  /** The store's searchable documents of a type. */
  static of(store: DocumentStore, type: string): SearchableType {
    let types = storeTypes.get(store)
    if (!types) {
      const created = new Map<string, SearchableType>()
      store.watchChanges((id, after) => {
        for (const searchable of created.values()) searchable.ownScores && searchable.updateOwnScore(searchable.ownScores, id, after)
      })
      storeTypes.set(store, created)
      types = created
    }
    let searchable = types.get(type)
    if (!searchable) {
      searchable = new SearchableType(type, store)
      types.set(type, searchable)
    }
    return searchable
  }

  /** Whether any text of the store is being indexed (for the search bench). */
  static isBuilding(store: DocumentStore): boolean {
    return store.searchPostings.isIndexing
  }

  idOf(position: number): string | undefined {
    return this.store.idAt(position)
  }

  ownScore(id: string): number | undefined {
    if (!this.ownScores) {
      this.ownScores = new Map()
      for (const [withScore, score] of this.store.fieldValues('_score')) {
        if (typeof score === 'number') this.ownScores.set(withScore, score)
      }
    }
    return this.ownScores.get(id)
  }

  /**
   * The word indexes of texts (GROQ expressions of the document alone), each undefined where
   * groq-js cannot work its text out or it is still being indexed: at once for a small type, else
   * in the background, from the first search of the text on.
   */
  textIndexes(texts: readonly AstNode[]): (TextIndex | undefined)[] {
    const postings = this.store.searchPostings
    const known = (tree: AstNode) => (this.failed.has(JSON.stringify(tree)) ? undefined : postings.text(this.type, tree))
    let found = texts.map(known)
    // Each once: a search may match and score the same text.
    const unindexed = [...new Set(found.flatMap((text) => (text && text.next !== null && !text.failed ? [text.id] : [])))]
    if (unindexed.length > 0 && this.store.idsOfType(this.type).size <= INDEXED_AT_ONCE) {
      postings.indexAll(unindexed)
      found = texts.map(known)
    } else if (unindexed.length > 0) postings.indexInBackground(unindexed)
    return found.map((text, i) => {
      if (text?.failed) {
        postings.drop(text.id)
        this.failed.add(JSON.stringify(texts[i]))
      }
      if (!text || text.failed || text.next !== null) return undefined
      const { id } = text
      return {
        matching: (terms) => postings.matching(id, terms),
        frequencies: (term, candidates) => postings.frequencies(id, term, candidates),
      }
    })
  }

  /**
   * Position → the document's place in an ordered index of the type (tied documents sharing one),
   * for the documents it holds; worked out again after a commit.
   */
  ranksIn({ entries }: OrderedDocuments): Int32Array {
    const cached = this.ranks.get(entries)
    if (cached?.version === this.store.version) return cached.ranks
    const positions = entries.map((entry) => this.store.positionOf(entry.id) ?? -1)
    const ranks = new Int32Array(positions.reduce((last, position) => Math.max(last, position), -1) + 1)
    let rank = 0
    entries.forEach((entry, i) => {
      if (i > 0 && compareOrder(entries[i - 1] as OrderEntry, entry) !== 0) rank++
      const position = positions[i] as number
      if (position >= 0) ranks[position] = rank
    })
    this.ranks.set(entries, { version: this.store.version, ranks })
    return ranks
  }

  private updateOwnScore(ownScores: Map<string, number>, id: string, after: { _type: string; _score?: unknown } | undefined): void {
    if (after?._type === this.type && typeof after._score === 'number') ownScores.set(id, after._score)
    else ownScores.delete(id)
  }
}
