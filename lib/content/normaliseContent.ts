import { boundBody } from './boundBody'
import {
  byShape,
  CONTENT_LIMITS,
  dateTime,
  flag,
  imageArea,
  imageAsset,
  isRecord,
  kindOf,
  list,
  listLevel,
  marks,
  number,
  omit,
  type Rule,
  type RuleContext,
  record,
  spanText,
  text,
  token,
  tokenList,
} from './contentRules'
import { reportContentProblem } from './problems'

type FieldsOf<T> = T extends readonly (infer Item)[]
  ? FieldsOf<Item>
  : T extends object
    ? { [K in keyof T & string]-?: K | FieldsOf<T[K]> }[keyof T & string]
    : never
/** Every field name any query returns (TypeGen registers each query's result type in SanityQueries). */
export type ProjectedField = FieldsOf<SanityQueries[keyof SanityQueries]>

/** The stored body: items without a type are dropped, the rest normalised, then bounded (lib/content/boundBody.ts). */
const body: Rule = (value, context) => {
  if (value === null || value === undefined) return value
  if (!Array.isArray(value)) {
    context.report(`"body" is ${kindOf(value)}, not a list of blocks: left out`)
    return null
  }
  const items = value.flatMap((item) => {
    const normalised = isRecord(item) && typeof item._type === 'string' ? context.record(item) : null
    return normalised ? [normalised] : []
  })
  const dropped = value.length - items.length
  if (dropped > 0) context.report(`"body" holds ${dropped} missing or untyped item${dropped === 1 ? '' : 's'}: left out`)
  return boundBody(items, context.report)
}

const count = number(0, Number.MAX_SAFE_INTEGER, { integer: true })

/**
 * How each field any query returns is read, by name: a field added to a query fails to compile
 * until it has a rule here. Fields with no rule (spread in by `...`, unused by any page) are dropped.
 */
const FIELDS = {
  _id: token(),
  _key: token(),
  _type: token(),
  _updatedAt: dateTime,
  headline: text(400),
  standfirst: text(1_000),
  title: text(300),
  name: text(200),
  description: text(2_000),
  bio: text(2_000),
  note: text(2_000),
  // A search result's matching paragraph; the page shows a window of it around the match.
  snippet: text(4_000),
  role: text(100),
  email: token(320),
  alt: text(1_000),
  caption: text(1_000),
  credit: text(300),
  fallbackText: text(200),
  seriesTitle: text(300),
  sourceName: text(300),
  reportedBy: text(300),
  agency: text(300),
  wording: text(300),
  dataset: text(300),
  url: token(CONTENT_LIMITS.href),
  href: token(CONTENT_LIMITS.href),
  slug: token(),
  period: token(),
  fromPeriod: token(),
  toPeriod: token(),
  comparePeriod: token(),
  show: token(),
  kind: token(),
  seriesId: token(),
  seriesRef: token(),
  seriesSlug: token(),
  periods: tokenList,
  relatedTo: tokenList,
  rule: token(),
  reportedOn: token(),
  style: token(),
  listItem: token(),
  status: token(),
  flowCode: token(),
  cmdCode: token(),
  freqCode: token(),
  currency: token(),
  iso3: token(),
  m49: number(0, 999, { integer: true }),
  publishedAt: dateTime,
  updatedAt: dateTime,
  releasedAt: dateTime,
  recordedAt: dateTime,
  date: dateTime,
  retrievedAt: dateTime,
  primaryValue: number(-CONTENT_LIMITS.tradeValue, CONTENT_LIMITS.tradeValue),
  digits: number(0, 15, { integer: true }),
  approximate: flag,
  width: number(0, 100_000),
  height: number(0, 100_000),
  x: number(0, 1),
  y: number(0, 1),
  top: number(0, 1),
  bottom: number(0, 1),
  left: number(0, 1),
  right: number(0, 1),
  crop: imageArea(['top', 'bottom', 'left', 'right']),
  hotspot: imageArea(['x', 'y', 'width', 'height']),
  text: spanText,
  marks,
  level: listLevel,
  body,
  children: list,
  markDefs: list,
  observations: list,
  history: list,
  articles: list,
  citedBy: list,
  corrections: list,
  readings: list,
  latest: list,
  lead: record,
  home: record,
  newest: record,
  author: record,
  mainImage: record,
  photo: record,
  asset: imageAsset,
  metadata: record,
  dimensions: record,
  source: record,
  published: record,
  citation: record,
  precision: record,
  reporter: record,
  partner: record,
  media: omit,
  // Names the sitemap index uses for counts, and other queries for lists or objects.
  authors: byShape({ list, scalar: count }),
  sections: byShape({ list, scalar: count }),
  tags: byShape({ list, scalar: count }),
  stories: count,
  figures: count,
  total: count,
  charts: count,
  series: byShape({ record, scalar: count }),
  // An object in most queries; the social card reads the section's title alone.
  section: byShape({ record, scalar: text(300) }),
} satisfies Record<ProjectedField, Rule>

const RULES: Record<string, Rule> = FIELDS

type Place = { documentId: string; blockKey?: string; depth: number }

function normaliseRecord(value: Record<string, unknown>, parent: Place): Record<string, unknown> | null {
  const ownId = typeof value._id === 'string' ? value._id : undefined
  const place: Place = {
    documentId: ownId ?? parent.documentId,
    blockKey: typeof value._key === 'string' ? value._key : ownId ? undefined : parent.blockKey,
    depth: parent.depth + 1,
  }
  if (place.depth > CONTENT_LIMITS.depth) {
    reportContentProblem({ documentId: place.documentId, blockKey: place.blockKey, message: 'objects nested too deep: left out' })
    return null
  }
  const report: RuleContext['report'] = (message, blockKey) =>
    reportContentProblem({ documentId: place.documentId, blockKey: blockKey ?? place.blockKey, message })
  const record: RuleContext['record'] = (nested) => normaliseRecord(nested, place)
  const out: Record<string, unknown> = {}
  for (const [field, fieldValue] of Object.entries(value)) {
    const rule = Object.hasOwn(RULES, field) ? RULES[field] : undefined
    if (!rule) continue
    const normalised = rule(fieldValue, { field, report, record })
    if (normalised !== undefined) out[field] = normalised
  }
  return out
}

/**
 * A query's answer made to match its TypeGen type, whatever the lake stored: text where text is
 * expected, within bounds; finite numbers; lists without holes; bodies that any renderer can
 * afford. Applied once, by the loaders in lib/content/fetch.ts, to every answer; each repair is
 * reported for editors (lib/content/problems.ts). Lists of documents are normalised item by item.
 */
export function normaliseContent<T>(result: T): T {
  const top: Place = { documentId: 'unknown document', depth: 0 }
  if (Array.isArray(result))
    return result.flatMap((item) => {
      const normalised = isRecord(item) ? normaliseRecord(item, top) : null
      return normalised ? [normalised] : []
    }) as T
  return (isRecord(result) ? normaliseRecord(result, top) : result) as T
}
