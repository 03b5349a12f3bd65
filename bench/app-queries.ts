/**
 * Every GROQ query the app makes (each `*_QUERY` export of lib/content/queries.ts, so a new one is
 * picked up without a change here) and realistic parameters for it, taken from an archive.
 */
import { parse } from 'groq-js'
import * as queries from '../lib/content/queries'
import { SITEMAP_PAGES } from '../lib/feeds/sitemaps'
import { listingSlice } from '../lib/site/listingPages'
import type { LakeDocument } from '../sanity/lake/storage/store'

export type AppQuery = { name: string; query: string }

export function appQueries(): AppQuery[] {
  return Object.entries(queries as Record<string, unknown>).flatMap(([name, query]) =>
    name.endsWith('_QUERY') && typeof query === 'string' ? [{ name, query }] : [],
  )
}

/** A document a query can be asked about: an article, section, author or series that is really there. */
type Subject = { id: string; slug: string; ids: string[] }
type SubjectKind = 'article' | 'section' | 'author' | 'series' | 'tag'
export type QuerySubjects = Record<SubjectKind, Subject> & {
  /** Published documents of each type, for pages of a sitemap. */
  counts: Record<string, number>
  /** What "More on this" looks for under the picked story: its tags, section and cited series. */
  relatedTo: string[]
  /** A search for two words of the picked story's headline after its first two, as the search page asks it (lib/site/search.ts). */
  terms: string
}

const refOf = (value: unknown) => (value as { _ref?: string } | undefined)?._ref
const slugOf = (doc: LakeDocument | undefined) => (doc?.slug as { current?: string } | undefined)?.current ?? ''

/**
 * Subjects for the parameters: a published story about four fifths of the way through the
 * archive, its section, first author, first cited series and first tag.
 */
export function pickSubjects(docs: readonly LakeDocument[]): QuerySubjects {
  const byId = new Map(docs.map((doc) => [doc._id, doc]))
  const articles = docs.filter((doc) => doc._type === 'article' && !doc._id.startsWith('drafts.') && slugOf(doc) && doc.publishedAt)
  const article = articles[Math.floor(articles.length * 0.8)]
  if (!article) throw new Error('The archive has no published article with a slug')
  const body = (article.body ?? []) as { children?: { _type?: string; series?: unknown }[] }[]
  const cited = [...new Set(body.flatMap((block) => block.children ?? []).flatMap((child) => refOf(child.series) ?? []))]
  const subject = (id: string | undefined, ids?: string[]): Subject => {
    const doc = id === undefined ? undefined : byId.get(id)
    if (!doc) throw new Error(`The archive lacks ${id ?? 'a document the picked story refers to'}`)
    return { id: doc._id, slug: slugOf(doc), ids: ids ?? [doc._id] }
  }
  const counts: Record<string, number> = {}
  for (const doc of docs) if (!doc._id.startsWith('drafts.')) counts[doc._type] = (counts[doc._type] ?? 0) + 1
  const tags = ((article.tags as unknown[] | undefined) ?? []).flatMap((tag) => refOf(tag) ?? [])
  const words =
    String(article.headline ?? '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  return {
    counts,
    relatedTo: [...new Set([...tags, refOf(article.section) ?? '', ...cited].filter(Boolean))],
    terms: words
      .slice(2, 4)
      .map((word) => `${word}*`)
      .join(' '),
    article: subject(article._id),
    section: subject(refOf(article.section)),
    author: subject(refOf((article.authors as { author?: unknown }[] | undefined)?.[0]?.author)),
    series: subject(cited[0], cited),
    tag: subject(refOf((article.tags as unknown[] | undefined)?.[0])),
  }
}

type Node = { type: string; [key: string]: unknown }

const SUBJECT_OF_TYPE: Record<string, SubjectKind> = {
  article: 'article',
  section: 'section',
  author: 'author',
  tradeSeries: 'series',
  tag: 'tag',
}
/** Read from a query's name when its text does not tell. */
const SUBJECT_BY_NAME: [RegExp, SubjectKind][] = [
  [/SERIES/, 'series'],
  [/SECTION/, 'section'],
  [/AUTHOR/, 'author'],
  [/TAG/, 'tag'],
  [/ARTICLE|RELATED/, 'article'],
]

function nodes(root: unknown): Node[] {
  const found: Node[] = []
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (typeof node === 'object' && node !== null && typeof (node as Node).type === 'string') {
      found.push(node as Node)
      if ((node as Node).type !== 'Value') Object.values(node).forEach(visit)
    }
  }
  visit(root)
  return found
}

const conjunctsOf = (expr: Node): Node[] =>
  expr.type === 'And' ? [...conjunctsOf(expr.left as Node), ...conjunctsOf(expr.right as Node)] : [expr]
const attribute = (node: Node | undefined): string | undefined => (node?.type === 'AccessAttribute' ? String(node.name) : undefined)
const baseAttribute = (node: Node | undefined) => attribute(node?.base as Node | undefined)

/**
 * What each parameter names, from the filter it appears in: `slug.current == $slug` or
 * `_id == $id` in a filter on `_type == "author"` name an author; `section._ref == $id` names a
 * section; `$id in authors[].author._ref` an author.
 */
function subjectsOfParams(tree: unknown): Map<string, SubjectKind> {
  const subjects = new Map<string, SubjectKind>()
  for (const filter of nodes(tree).filter((node) => node.type === 'Filter')) {
    const parts = conjunctsOf(filter.expr as Node)
    const typeTest = parts.find((part) => part.op === '==' && attribute(part.left as Node) === '_type')
    const type = (typeTest?.right as Node | undefined)?.value as string | undefined
    for (const part of parts) {
      if (part.type !== 'OpCall' || (part.op !== '==' && part.op !== 'in')) continue
      const sides = [part.left as Node, part.right as Node]
      const param = sides.find((side) => side.type === 'Parameter')
      if (!param) continue
      const other = sides.find((side) => side !== param) as Node
      const target = other.type === 'Map' ? (other.expr as Node) : other
      const name = String(param.name)
      if (attribute(target) === '_ref') {
        const holder = baseAttribute(target)
        const subject = holder === 'series' ? 'series' : SUBJECT_OF_TYPE[holder ?? '']
        if (subject) subjects.set(name, subject)
      } else if ((attribute(target) === '_id' || (attribute(target) === 'current' && baseAttribute(target) === 'slug')) && type) {
        const subject = SUBJECT_OF_TYPE[type]
        if (subject) subjects.set(name, subject)
      }
    }
  }
  return subjects
}

/**
 * Pages of a list. `[$start...$end]` after `*[_type == "t" ...]`: a page of a sitemap (lib/feeds/sitemaps.ts), the
 * one about four fifths of the way through that type's documents. Slices take constant numbers, so
 * these are read from the text and bound before the query is parsed for its other parameters.
 */
function pageParams(query: string, subjects: QuerySubjects): Record<string, number> {
  // The stories citing a section or author, a page at a time (lib/site/listingPages.ts): their
  // second page, past an offset.
  if (/references\(\^\._id\)[^[]*\] \| order\([^)]*\)\[\$start\.\.\.\$end\]/.test(query)) return listingSlice(2)
  // Search results, ranked (lib/site/search.ts): their first page, as a search for a story's words fills.
  if (/\| score\(/.test(query)) return listingSlice(1)
  const slice = /\*\[_type == "(\w+)"[^\]]*\][^[]*\[\$(\w+)\.\.\.\$(\w+)\]/.exec(query)
  if (!slice) return {}
  const [, type, start, end] = slice as unknown as [string, string, string, string]
  const size = Object.values(SITEMAP_PAGES).find((kind) => kind.type === type)?.size
  if (!size) throw new Error(`No sitemap page size for ${type}: teach bench/app-queries.ts what $${start} and $${end} name`)
  const first = Math.floor(((subjects.counts[type] ?? 0) * 0.8) / size) * size
  return { [start]: first, [end]: first + size }
}

export function paramsFor({ name, query }: AppQuery, subjects: QuerySubjects): Record<string, unknown> {
  const params: Record<string, unknown> = pageParams(query, subjects)
  const tree = parse(query, { params })
  const named = subjectsOfParams(tree)
  const fromName = SUBJECT_BY_NAME.find(([pattern]) => pattern.test(name))?.[1]
  for (const param of new Set(nodes(tree).flatMap((node) => (node.type === 'Parameter' ? [String(node.name)] : [])))) {
    const kind = named.get(param) ?? fromName
    const subject = kind && subjects[kind]
    const value =
      param === 'terms'
        ? subjects.terms
        : param === 'refs'
          ? subjects.relatedTo
          : param === 'slug'
            ? subject?.slug
            : param === 'id'
              ? subject?.id
              : param === 'ids'
                ? subject?.ids
                : undefined
    if (value === undefined) throw new Error(`No value for $${param} of ${name}: teach bench/app-queries.ts what it names`)
    params[param] = value
  }
  return params
}
