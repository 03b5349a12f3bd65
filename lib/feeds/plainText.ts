import { type DefaultTreeAdapterTypes, parseFragment } from 'parse5'

type Node = DefaultTreeAdapterTypes.ChildNode | DefaultTreeAdapterTypes.DocumentFragment

// Elements that start a new paragraph of the text; table rows are lines, their cells tab-separated.
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'figure',
  'figcaption',
  'aside',
  'caption',
  'tr',
  'ul',
  'ol',
  'table',
])
const CELLS = new Set(['td', 'th'])

/**
 * Feed HTML as plain text, for channels that carry the body both ways (ninjs): one paragraph per
 * block, separated by a blank line, every entity decoded and no markup left.
 */
export function plainTextOf(html: string): string {
  const paragraphs: string[] = []
  let line = ''
  const flush = () => {
    const text = line.replace(/ {2,}/g, ' ').trim()
    if (text) paragraphs.push(text)
    line = ''
  }
  const walk = (node: Node, cellIndex = 0) => {
    if (node.nodeName === '#text' && 'value' in node) line += node.value.replace(/\s+/g, ' ')
    const tag = 'tagName' in node ? node.tagName : ''
    if (CELLS.has(tag) && cellIndex > 0) line += '\t'
    if (BLOCKS.has(tag)) flush()
    let cells = 0
    for (const child of 'childNodes' in node ? node.childNodes : [])
      walk(child, 'tagName' in child && CELLS.has(child.tagName) ? cells++ : 0)
    if (BLOCKS.has(tag)) flush()
  }
  walk(parseFragment(html))
  flush()
  return paragraphs.join('\n\n')
}
