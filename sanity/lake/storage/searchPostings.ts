import type { DatabaseSync } from 'node:sqlite'
import { type ExprNode, evaluateSync } from 'groq-js'
import { byPosition, findEach, type PostingList } from './postingList'
import { canonicalWord, type SearchTerm, stringsOf } from './searchWords'
import { wordsOfText } from './textIndex'

/**
 * What a posting holds: tokens as textIndex.ts splits them, in searchWords.ts's canonical form,
 * which follows the JavaScript engine's case mapping. A database indexed under another format (or
 * Unicode version) drops its postings and indexes each text again on its next search.
 */
const FORMAT = `1; unicode ${process.versions.unicode}`
const FORMAT_KEY = 'search postings'
/** Texts kept per type at most: a search of another drops the least recently searched (each costs about as much disk as the word index). */
const MAX_TEXTS_PER_TYPE = 8
/** Documents indexed per database transaction when a text is indexed (about 50 ms), so that indexing never holds the lake for long. */
const INDEX_SLICE = 200
/** Posting lists kept in memory at most, in bytes (a list of every story of 100,000 is 800 KB). */
const CACHED_LIST_BYTES = 8 * 2 ** 20
/** Postings deleted at a time when a text is dropped, so that dropping a large one never holds the lake for long. */
const DROP_SLICE = 20_000

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS search_texts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    next INTEGER,
    failed INTEGER NOT NULL DEFAULT 0,
    dropping INTEGER NOT NULL DEFAULT 0
  );
  CREATE UNIQUE INDEX IF NOT EXISTS search_texts_by_text ON search_texts (type, text) WHERE dropping = 0;
  CREATE TABLE IF NOT EXISTS search_postings (
    text INTEGER NOT NULL,
    word TEXT NOT NULL,
    position INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (text, word, position)
  ) WITHOUT ROWID;
`

/**
 * A text of a type's documents (a GROQ expression of the document alone) whose words are indexed.
 * `next`: every document of the type at a position below it is indexed; null once all are (then
 * every commit keeps it current). `failed`: groq-js could not work the text out for a document, so
 * groq-js answers its searches.
 */
export type SearchText = { id: number; type: string; next: number | null; failed: boolean }

/** A document as stored, at its position. */
export type PositionedDocument = { position: number; doc: { _type?: unknown; [field: string]: unknown } }

/** Reads documents of a type from a position on, in position order (the document table's). */
export type TypeReader = (type: string, from: number, limit: number) => PositionedDocument[]

/** Tokens of a text of a document, counted by canonical word; undefined where groq-js fails to work the text out. */
function wordCounts(text: ExprNode, doc: PositionedDocument['doc']): Map<string, number> | undefined {
  let value: unknown
  try {
    value = evaluateSync(text, { root: doc }).data
  } catch {
    return undefined
  }
  const counts = new Map<string, number>()
  for (const token of stringsOf(value).flatMap(wordsOfText)) {
    const word = canonicalWord(token)
    counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return counts
}

const NO_WORDS: ReadonlyMap<string, number> = new Map()

/**
 * The ranked search's word indexes, in the lake's database: for each text a search asked for, each
 * word of each document of the type with how many of the text's tokens it is (what `score()`
 * sums; `match` needs only whether). Kept current by every commit, in the commit's database
 * transaction, and kept across restarts: a text is indexed once, in slices (`indexSlice`), then
 * read from disk by each search rather than held in memory. Documents are named by their dataset
 * position, which an update keeps.
 *
 * Words are kept as SQLite text (UTF-8, compared byte by byte: in code point order, so a prefix's
 * words are one range). A lone surrogate is stored as U+FFFD, so a term holding either is never
 * looked up (searchWords.ts); a prefix's range still finds every word that begins with it.
 */
export class SearchPostings {
  private readonly statements: ReturnType<typeof prepare>
  /** Each text's tree by id (ids are never reused, so this never goes stale). */
  private readonly trees = new Map<number, ExprNode>()
  /** When each text was last searched in this process, for choosing which to drop. */
  private readonly lastUsed = new Map<number, number>()
  private uses = 0
  /** Texts being indexed in the background. */
  private readonly indexing = new Set<number>()
  /** Callers of `indexed()` waiting for the texts being indexed. */
  private readonly waitingForIndexing: (() => void)[] = []
  /** Posting lists read, by text and term, least recently read first (see `list`). */
  private readonly lists = new Map<string, PostingList>()
  private listBytes = 0

  /** Whether the postings are in this process's format (a read-only database's may not be: then none are read). */
  private current: boolean

  /** `writable`: the database is this process's to write (a read-only one registers and indexes no text). */
  constructor(
    private readonly database: DatabaseSync,
    private readonly readType: TypeReader,
    private readonly writable: boolean,
  ) {
    database.exec(SCHEMA)
    this.statements = prepare(database)
    const format = this.statements.format.get() as { value: string } | undefined
    this.current = format?.value === FORMAT
    if (!this.current && writable) {
      database.exec('DELETE FROM search_postings; DELETE FROM search_texts')
      this.statements.setFormat.run(FORMAT)
      this.current = true
    }
    if (writable) for (const { id } of this.statements.dropping.all() as { id: number }[]) this.dropSlices(id)
  }

  /**
   * The text's state, registering it (nothing indexed yet) if no search asked for it before;
   * undefined in a read-only database that has not indexed it.
   */
  text(type: string, tree: unknown): SearchText | undefined {
    if (!this.current) return undefined
    const json = JSON.stringify(tree)
    let row = this.statements.textByTree.get(type, json) as TextRow | undefined
    if (!row) {
      if (!this.writable) return undefined
      const live = this.statements.textsOfType.all(type) as TextRow[]
      if (live.length >= MAX_TEXTS_PER_TYPE) {
        const oldest = live.reduce((a, b) => ((this.lastUsed.get(a.id) ?? 0) <= (this.lastUsed.get(b.id) ?? 0) ? a : b))
        this.drop(oldest.id)
      }
      row = this.statements.register.get(type, json) as TextRow
    }
    this.trees.set(row.id, tree as ExprNode)
    this.lastUsed.set(row.id, ++this.uses)
    return textOf(row)
  }

  /** Stops keeping a text and deletes its postings, a slice at a time. */
  drop(id: number): void {
    if (!this.writable) return
    this.statements.markDropping.run(id)
    this.forgetLists()
    this.lastUsed.delete(id)
    this.dropSlices(id)
  }

  /** Indexes every document of the texts' type not indexed yet, at once (a small type). */
  indexAll(ids: readonly number[]): void {
    if (!this.writable) return
    while (!this.indexSlice(ids, INDEX_SLICE));
  }

  /**
   * Indexes the texts' remaining documents (texts of one type, searched together) a slice at a
   * time, each in a turn of the event loop of its own.
   */
  indexInBackground(ids: readonly number[]): void {
    const starting = ids.filter((id) => !this.indexing.has(id))
    if (starting.length === 0 || !this.writable) return
    for (const id of starting) this.indexing.add(id)
    const step = () => {
      try {
        if (!this.database.isOpen || this.indexSlice(starting, INDEX_SLICE)) this.stopIndexing(starting)
        else setImmediate(step)
      } catch {
        // The store closed, or a document failed to read: the next search starts again where this stopped.
        this.stopIndexing(starting)
      }
    }
    setImmediate(step)
  }

  /** Whether a text is being indexed (for the search bench). */
  get isIndexing(): boolean {
    return this.indexing.size > 0
  }

  /** Resolves once no text is being indexed. */
  indexed(): Promise<void> {
    return this.indexing.size === 0 ? Promise.resolve() : new Promise((resolve) => this.waitingForIndexing.push(resolve))
  }

  private stopIndexing(ids: readonly number[]): void {
    for (const id of ids) this.indexing.delete(id)
    if (this.indexing.size === 0) for (const resolve of this.waitingForIndexing.splice(0)) resolve()
  }

  /**
   * Indexes up to `count` more documents of the texts' type, each read once for all of them, in a
   * database transaction of its own; true once every document is indexed. A document groq-js
   * cannot work a text out for marks that text failed (and ends its indexing).
   */
  private indexSlice(ids: readonly number[], count: number): boolean {
    const rows = ids.flatMap((id) => {
      const row = this.statements.textById.get(id) as TextRow | undefined
      return row && !row.dropping && !row.failed && row.next !== null ? [{ ...row, next: row.next }] : []
    })
    const [first] = rows
    if (!first) return true
    const docs = this.readType(
      first.type,
      rows.reduce((from, row) => Math.min(from, row.next), first.next),
      count,
    )
    const next = docs.length < count ? null : (docs.at(-1) as PositionedDocument).position + 1
    this.inTransaction(() => {
      for (const row of rows) {
        const tree = this.treeOf(row)
        const failed = docs.some(({ position, doc }) => {
          if (position < row.next) return false
          const counts = wordCounts(tree, doc)
          if (counts) for (const [word, n] of counts) this.statements.insert.run(row.id, word, position, n)
          return !counts
        })
        if (failed) this.statements.markFailed.run(row.id)
        else this.statements.setNext.run(next, row.id)
      }
    })
    return next === null
  }

  /**
   * Brings the postings of every indexed text from a document's `before` to its `after` (either
   * absent, each at its position), for the documents the texts have reached; inside the caller's
   * database transaction.
   */
  update(before: PositionedDocument | undefined, after: PositionedDocument | undefined): void {
    const beforeType = typeof before?.doc._type === 'string' ? before.doc._type : undefined
    const afterType = typeof after?.doc._type === 'string' ? after.doc._type : undefined
    if (beforeType !== undefined) this.updateType(beforeType, before, beforeType === afterType ? after : undefined)
    if (afterType !== undefined && afterType !== beforeType) this.updateType(afterType, undefined, after)
  }

  /** The positions whose text holds a word for every term (in the canonical form), ascending. */
  matching(id: number, terms: readonly SearchTerm[]): number[] {
    // From the shortest list on, each list only narrowing the candidates.
    const lists = terms.map((term) => this.list(id, term)).sort((a, b) => a.positions.length - b.positions.length)
    const [first, ...rest] = lists
    let candidates = first ? Array.from(first.positions) : []
    for (const { positions } of rest) {
      const kept: number[] = []
      findEach(positions, candidates, (i) => kept.push(candidates[i] as number))
      candidates = kept
    }
    return candidates
  }

  /** How many tokens of its text the term matches, for each of the candidates (positions, ascending) in turn. */
  frequencies(id: number, term: SearchTerm, candidates: readonly number[]): Uint32Array {
    const { positions, counts } = this.list(id, term)
    const frequencies = new Uint32Array(candidates.length)
    findEach(positions, candidates, (i, at) => {
      frequencies[i] = counts[at] as number
    })
    return frequencies
  }

  /** Drops every posting (the documents were replaced whole): each text is indexed again from the start. */
  clear(): void {
    this.forgetLists()
    this.database.exec(
      'DELETE FROM search_postings; DELETE FROM search_texts WHERE dropping = 1; UPDATE search_texts SET next = 0, failed = 0',
    )
  }

  private updateType(type: string, before: PositionedDocument | undefined, after: PositionedDocument | undefined): void {
    for (const row of this.statements.textsOfType.all(type) as TextRow[]) {
      if (row.failed) continue
      const reached = (at: PositionedDocument | undefined) => (at && (row.next === null || at.position < row.next) ? at : undefined)
      const from = reached(before)
      const to = reached(after)
      if (!from && !to) continue
      this.forgetLists()
      const tree = this.treeOf(row)
      const countsBefore = from ? wordCounts(tree, from.doc) : NO_WORDS
      const countsAfter = to ? wordCounts(tree, to.doc) : NO_WORDS
      if (!countsBefore || !countsAfter) {
        // The text is left to groq-js: the next search drops it.
        this.statements.markFailed.run(row.id)
        continue
      }
      const samePosition = from?.position === to?.position
      if (from) {
        for (const word of countsBefore.keys()) {
          if (!samePosition || !countsAfter.has(word)) this.statements.remove.run(row.id, word, from.position)
        }
      }
      if (to) {
        for (const [word, n] of countsAfter) {
          if (!samePosition || countsBefore.get(word) !== n) this.statements.upsert.run(row.id, word, to.position, n)
        }
      }
    }
  }

  /**
   * The postings of the words a term matches: each position once, ascending, with its counts summed. Read
   * as JSON arrays (which node:sqlite hands over several times faster than a row at a time) and
   * kept, the most recently read up to CACHED_LIST_BYTES, until postings change: every reader of a
   * popular search reads the same lists.
   */
  private list(id: number, { word, prefix }: SearchTerm): PostingList {
    const key = `${id}${prefix ? '*' : '='}${word}`
    const cached = this.lists.get(key)
    if (cached) {
      // Most recently read last.
      this.lists.delete(key)
      this.lists.set(key, cached)
      return cached
    }
    const row = (prefix ? this.statements.prefixed : this.statements.whole).get(id, word) as { positions: string; counts: string }
    const list = byPosition(JSON.parse(row.positions) as number[], JSON.parse(row.counts) as number[])
    const bytes = list.positions.byteLength + list.counts.byteLength
    if (bytes > CACHED_LIST_BYTES) return list
    for (const [oldest, { positions, counts }] of this.lists) {
      if (this.listBytes + bytes <= CACHED_LIST_BYTES) break
      this.lists.delete(oldest)
      this.listBytes -= positions.byteLength + counts.byteLength
    }
    this.lists.set(key, list)
    this.listBytes += bytes
    return list
  }

  /** Forgets the lists read, once postings change. */
  private forgetLists(): void {
    this.lists.clear()
    this.listBytes = 0
  }

  private treeOf(row: TextRow): ExprNode {
    let tree = this.trees.get(row.id)
    if (!tree) {
      tree = JSON.parse(row.text) as ExprNode
      this.trees.set(row.id, tree)
    }
    return tree
  }

  private dropSlices(id: number): void {
    if (!this.database.isOpen) return
    if ((this.statements.dropSlice.run(id, DROP_SLICE - 1).changes as number) > 0) setImmediate(() => this.dropSlices(id))
    else this.statements.forget.run(id)
  }

  private inTransaction(write: () => void): void {
    this.database.exec('BEGIN IMMEDIATE')
    try {
      write()
      this.database.exec('COMMIT')
    } catch (err) {
      if (this.database.isTransaction) this.database.exec('ROLLBACK')
      throw err
    }
  }
}

type TextRow = { id: number; type: string; text: string; next: number | null; failed: number; dropping: number }

const textOf = (row: TextRow): SearchText => ({ id: row.id, type: row.type, next: row.next, failed: row.failed === 1 })

/** A term's postings as two JSON arrays, aggregated from one scan so that they are in the same order. */
const POSTING_LISTS = 'json_group_array(position) AS positions, json_group_array(count) AS counts'

function prepare(database: DatabaseSync) {
  const statements = {
    format: database.prepare(`SELECT value FROM meta WHERE key = '${FORMAT_KEY}'`),
    setFormat: database.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('${FORMAT_KEY}', ?)`),
    textByTree: database.prepare('SELECT * FROM search_texts WHERE type = ? AND text = ? AND dropping = 0'),
    textById: database.prepare('SELECT * FROM search_texts WHERE id = ?'),
    textsOfType: database.prepare('SELECT * FROM search_texts WHERE type = ? AND dropping = 0 ORDER BY id'),
    register: database.prepare('INSERT INTO search_texts (type, text, next) VALUES (?, ?, 0) RETURNING *'),
    setNext: database.prepare('UPDATE search_texts SET next = ? WHERE id = ?'),
    markFailed: database.prepare('UPDATE search_texts SET failed = 1 WHERE id = ?'),
    markDropping: database.prepare('UPDATE search_texts SET dropping = 1 WHERE id = ?'),
    dropping: database.prepare('SELECT id FROM search_texts WHERE dropping = 1'),
    forget: database.prepare('DELETE FROM search_texts WHERE id = ?'),
    // The text's first words, up to the one holding about DROP_SLICE postings in.
    dropSlice: database.prepare(
      `DELETE FROM search_postings WHERE text = ?1 AND word <= coalesce(
         (SELECT word FROM search_postings WHERE text = ?1 ORDER BY word LIMIT 1 OFFSET ?2), CAST(x'F8' AS TEXT))`,
    ),
    insert: database.prepare('INSERT INTO search_postings (text, word, position, count) VALUES (?, ?, ?, ?)'),
    upsert: database.prepare('INSERT OR REPLACE INTO search_postings (text, word, position, count) VALUES (?, ?, ?, ?)'),
    remove: database.prepare('DELETE FROM search_postings WHERE text = ? AND word = ? AND position = ?'),
    whole: database.prepare(`SELECT ${POSTING_LISTS} FROM search_postings WHERE text = ?1 AND word = ?2`),
    // Every word beginning with the prefix: at or after it, and before it followed by a byte no UTF-8 character begins with.
    prefixed: database.prepare(
      `SELECT ${POSTING_LISTS} FROM search_postings WHERE text = ?1 AND word >= ?2 AND word < ?2 || CAST(x'F8' AS TEXT)`,
    ),
  }
  return statements
}
