import { truncateText, visibleLength } from './truncateText'

/**
 * Small pure rules, one per kind of field, that turn whatever a stored document holds into what its
 * TypeGen type promises. Content in the lake is schemaless at read time: an import, an old document
 * or a raw API write can put a number in a headline or `null` in a list. Each rule repairs what it
 * can, reports what it changed, and returns null (or drops the item) for what it cannot.
 */
export type RuleContext = {
  /** The field being read, for the report. */
  field: string
  /** Reports a repair, naming the block it was made in where that is not the one being read. */
  report: (message: string, blockKey?: string) => void
  /** Normalises a nested object with the same table of rules. */
  record: (value: Record<string, unknown>) => Record<string, unknown> | null
}
export type Rule = (value: unknown, context: RuleContext) => unknown

/** Limits a reader's page and a feed can afford, well above anything an editor writes. */
export const CONTENT_LIMITS = {
  /** Deeper lists are unreadable, and the Portable Text renderers' cost doubles with each level. */
  listLevel: 6,
  /** Marks nest one element per mark; thousands overflow the renderer's stack. */
  marksPerSpan: 12,
  /** The renderers compare each span with the spans after it: their cost grows with the square. */
  inlinesPerBlock: 200,
  /** About 16,000 words, longer than the longest long read; cut beyond (lib/content/boundBody.ts). */
  bodyCharacters: 100_000,
  /** Trade values in US dollars: world trade in a year is about 3e13. */
  tradeValue: 1e15,
  /** Objects nested deeper than any projection reaches are not content. */
  depth: 24,
  /** Identifiers, slugs, codes and enumerations. */
  token: 256,
  href: 2048,
} as const

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** "an object", "a list", "a number": what a wrong value was, for the report. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value)
  return `a ${typeof value}`
}

/** Within `max` characters; a draft preview's invisible click-to-edit markers (stega) do not count. */
const fits = (value: string, max: number) => value.length <= max || visibleLength(value) <= max
const absent = (value: unknown) => value === null || value === undefined
const wrong = (value: unknown, expected: string, { field, report }: RuleContext) => {
  report(`"${field}" is ${kindOf(value)}, not ${expected}: left out`)
  return null
}

/** Text of at most `max` characters, cut at a word with an ellipsis; a number is read as its digits. */
export const text =
  (max: number): Rule =>
  (value, context) => {
    if (absent(value)) return value
    if (typeof value === 'number' && Number.isFinite(value)) {
      context.report(`"${context.field}" is a number, not text: shown as its digits`)
      return String(value)
    }
    if (typeof value !== 'string') return wrong(value, 'text', context)
    if (fits(value, max)) return value
    context.report(`"${context.field}" is ${visibleLength(value)} characters long: cut to ${max}`)
    return truncateText(value, max)
  }

/** An identifier, slug, code or enumerated value: never cut, since a cut one would name something else. */
export const token =
  (max: number = CONTENT_LIMITS.token): Rule =>
  (value, context) => {
    if (absent(value)) return value
    if (typeof value === 'number' && Number.isFinite(value)) return String(value)
    if (typeof value !== 'string') return wrong(value, 'text', context)
    if (fits(value, max)) return value
    context.report(`"${context.field}" is ${visibleLength(value)} characters long, more than ${max}: left out`)
    return null
  }

/** A date and time that parses; anything else is left out so no page formats an invalid date. */
export const dateTime: Rule = (value, context) => {
  if (absent(value)) return value
  if (typeof value === 'string' && value.length <= 64 && Number.isFinite(Date.parse(value))) return value
  return wrong(value, 'a date', context)
}

/** A finite number within [min, max]; negative zero becomes zero. Infinity, NaN and strings are left out. */
export const number =
  (min: number, max: number, { integer = false } = {}): Rule =>
  (value, context) => {
    if (absent(value)) return value
    if (typeof value !== 'number') return wrong(value, 'a number', context)
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value)))
      return wrong(value, `${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`, context)
    return value === 0 ? 0 : value
  }

/** A yes or no; anything else is left out, so "false" as text never reads as true. */
export const flag: Rule = (value, context) => {
  if (absent(value) || typeof value === 'boolean') return value
  return wrong(value, 'true or false', context)
}

/** A nested object, normalised with the same rules. */
export const record: Rule = (value, context) => {
  if (absent(value)) return value
  return isRecord(value) ? context.record(value) : wrong(value, 'an object', context)
}

/** A list of objects: missing items (a deleted or draft-only reference) and items of the wrong kind are dropped. */
export const list: Rule = (value, context) => {
  if (absent(value)) return value
  if (!Array.isArray(value)) return wrong(value, 'a list', context)
  const items = value.flatMap((item) => {
    const normalised = isRecord(item) ? context.record(item) : null
    return normalised ? [normalised] : []
  })
  const dropped = value.length - items.length
  if (dropped > 0) context.report(`"${context.field}" holds ${dropped} missing or malformed item${dropped === 1 ? '' : 's'}: left out`)
  return items
}

/** A list of identifiers or codes (periods, say): anything that is not one is dropped. */
export const tokenList: Rule = (value, context) => {
  if (absent(value)) return value
  if (!Array.isArray(value)) return wrong(value, 'a list', context)
  const tokens = value.filter((item): item is string => typeof item === 'string' && item.length <= CONTENT_LIMITS.token)
  if (tokens.length < value.length)
    context.report(`"${context.field}" holds ${value.length - tokens.length} items that are not codes: left out`)
  return tokens
}

/** A span's marks: distinct names, at most `CONTENT_LIMITS.marksPerSpan` of them. */
export const marks: Rule = (value, context) => {
  if (absent(value)) return value
  const names = Array.isArray(value) ? [...new Set(value.filter((mark): mark is string => typeof mark === 'string'))] : []
  if (names.length <= CONTENT_LIMITS.marksPerSpan) return names
  context.report(`a span has ${names.length} marks: kept the first ${CONTENT_LIMITS.marksPerSpan}`)
  return names.slice(0, CONTENT_LIMITS.marksPerSpan)
}

/** A list item's nesting level: a whole number from 1 to `CONTENT_LIMITS.listLevel`. */
export const listLevel: Rule = (value, context) => {
  if (absent(value)) return value
  if (typeof value !== 'number' || !Number.isFinite(value)) return wrong(value, 'a list level', context)
  const level = Math.min(Math.max(Math.trunc(value), 1), CONTENT_LIMITS.listLevel)
  if (level !== value) context.report(`list level ${value} is outside 1 to ${CONTENT_LIMITS.listLevel}: shown at level ${level}`)
  return level
}

/** The text of a span: a number is read as its digits, anything else as no text. */
export const spanText: Rule = (value, context) => {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (value !== undefined) context.report(`a span's text is ${kindOf(value)}: left out`)
  return ''
}

/** A crop or hotspot: every coordinate a fraction of the image, or no crop at all. */
export const imageArea =
  (coordinates: readonly string[]): Rule =>
  (value, context) => {
    if (absent(value)) return value
    const valid =
      isRecord(value) && coordinates.every((c) => typeof value[c] === 'number' && (value[c] as number) >= 0 && (value[c] as number) <= 1)
    return valid ? value : wrong(value, 'an area of the image', context)
  }

/** Sanity's image asset ids, `image-<hash>-<width>x<height>-<format>`: image URLs are built from them. */
const IMAGE_ASSET_ID = /^image-[A-Za-z0-9]+-\d+x\d+-[a-z0-9]+$/

/** An image's asset, when its id is one an image URL can be built from; otherwise no picture. */
export const imageAsset: Rule = (value, context) => {
  const asset = record(value, context)
  if (!isRecord(asset) || (typeof asset._id === 'string' && IMAGE_ASSET_ID.test(asset._id))) return asset
  context.report(`image asset "${String(asset._id)}" is not an image id: picture left out`)
  return null
}

/** A field whose value is of no use to any page: never passed on. */
export const omit: Rule = () => undefined

/** One field name, two shapes in different queries (a list of authors, or a count of them). */
export const byShape =
  (shapes: { list?: Rule; record?: Rule; scalar: Rule }): Rule =>
  (value, context) => {
    if (Array.isArray(value) && shapes.list) return shapes.list(value, context)
    if (isRecord(value) && shapes.record) return shapes.record(value, context)
    return shapes.scalar(value, context)
  }
