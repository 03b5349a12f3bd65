import { CONTENT_LIMITS, type RuleContext } from './contentRules'
import { truncateText, visibleLength } from './truncateText'

type Item = Record<string, unknown>
type Child = { _type?: unknown; _key?: unknown; text?: unknown; fallbackText?: unknown; marks?: unknown }

/** A photo, chart or figure costs a page about as much as this many characters of text. */
const OBJECT_WEIGHT = 200
/** An empty paragraph still costs an element, so a body of a million empty blocks is cut too. */
const BLOCK_WEIGHT = 20
/** So does an empty span: a block of a million of them is cut too. */
const SPAN_WEIGHT = 10

/** What readers see where a body was cut: said in words, in the story's own flow. */
export const BODY_CUT_NOTICE = 'The rest of this story is too long to show here.'

const BODY_CUT_MARKER: Item = {
  _type: 'block',
  _key: 'body-cut',
  style: 'normal',
  markDefs: [],
  children: [{ _type: 'span', _key: 'body-cut', marks: ['em'], text: BODY_CUT_NOTICE }],
}

const childrenOf = (item: Item): Child[] => (Array.isArray(item.children) ? item.children : [])
const childWeight = (child: Child) =>
  child._type === 'span' ? Math.max(SPAN_WEIGHT, visibleLength(String(child.text ?? ''))) : OBJECT_WEIGHT
const plainText = (child: Child) =>
  typeof child.text === 'string' ? child.text : typeof child.fallbackText === 'string' ? child.fallbackText : ''
const keyOf = (item: Item) => (typeof item._key === 'string' ? item._key : undefined)

/**
 * A block its renderers can afford: at most `CONTENT_LIMITS.inlinesPerBlock` inline items, the text
 * of any beyond kept, unformatted, in one last span; and only the link definitions its spans use
 * (each mark looks its definition up in the list).
 */
export function boundBlock(block: Item, report: RuleContext['report']): Item {
  const limit = CONTENT_LIMITS.inlinesPerBlock
  const all = childrenOf(block)
  const children =
    all.length > limit
      ? [
          ...all.slice(0, limit - 1),
          {
            _type: 'span',
            _key: 'inline-rest',
            marks: [],
            text: all
              .slice(limit - 1)
              .map(plainText)
              .join(''),
          },
        ]
      : all
  if (children !== all)
    report(`block has ${all.length} inline items: formatting kept for the first ${limit - 1}, the rest as plain text`, keyOf(block))
  const used = new Set(children.flatMap((child) => (Array.isArray(child.marks) ? child.marks : [])))
  const defs = Array.isArray(block.markDefs) ? (block.markDefs as Array<{ _key?: unknown }>) : undefined
  const markDefs = defs?.filter((def) => used.has(def._key))
  if (children === all && markDefs?.length === defs?.length) return block
  return { ...block, children, ...(markDefs ? { markDefs } : {}) }
}
const weight = (item: Item) =>
  item._type === 'block'
    ? Math.max(
        BLOCK_WEIGHT,
        childrenOf(item).reduce((sum, child) => sum + childWeight(child), 0),
      )
    : OBJECT_WEIGHT

/** A block's children up to `budget` characters, the last span cut at a word. */
function cutBlock(block: Item, budget: number): Item {
  const children: Child[] = []
  let left = budget
  for (const child of childrenOf(block)) {
    const cost = childWeight(child)
    if (cost > left) {
      if (child._type === 'span' && left > 0) children.push({ ...child, text: truncateText(String(child.text), left) })
      break
    }
    children.push(child)
    left -= cost
  }
  return { ...block, children }
}

/**
 * A body bounded to what a page can render and a cache can hold: items in order up to
 * `CONTENT_LIMITS.bodyCharacters` of text (objects counted at a fixed weight), the block that
 * crosses the limit cut at a word, then a notice to readers; the cut is reported for editors.
 */
export function boundBody(body: Item[], report: RuleContext['report'], limit: number = CONTENT_LIMITS.bodyCharacters): Item[] {
  const items = body.map((item) => (item._type === 'block' ? boundBlock(item, report) : item))
  let budget = limit
  for (const [index, item] of items.entries()) {
    const cost = weight(item)
    if (cost <= budget) {
      budget -= cost
      continue
    }
    const kept = items.slice(0, index)
    if (item._type === 'block' && budget > 0) kept.push(cutBlock(item, budget))
    report(
      `body is longer than ${limit} characters: cut here, with a notice to readers`,
      typeof item._key === 'string' ? item._key : undefined,
    )
    return [...kept, BODY_CUT_MARKER]
  }
  return items
}
