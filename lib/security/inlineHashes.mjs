import { createHash } from 'node:crypto'
import { parse } from 'parse5'

/**
 * The CSP hash sources (`sha256-…`) of every inline script and style element of a page, read with
 * a spec-compliant HTML parser so that each covers exactly the text the browser will hash. Data
 * blocks (JSON-LD) are hashed too: a browser never runs them, and listing one costs nothing, while
 * guessing which `type` values run would be a way to miss one. Plain JavaScript, for the cache
 * handler that Next.js loads unbundled.
 *
 * @param {string} html
 * @returns {{ scripts: string[], styles: string[] }}
 */
export function inlineHashes(html) {
  const scripts = new Set()
  const styles = new Set()
  const visit = (node) => {
    const attribute = (name) => node.attrs?.find((attr) => attr.name === name)?.value
    const text = () => (node.childNodes ?? []).map((child) => child.value ?? '').join('')
    if (node.nodeName === 'script' && attribute('src') === undefined) scripts.add(hashSource(text()))
    else if (node.nodeName === 'style') styles.add(hashSource(text()))
    for (const child of node.content?.childNodes ?? node.childNodes ?? []) visit(child)
  }
  visit(parse(html))
  return { scripts: [...scripts], styles: [...styles] }
}

const hashSource = (text) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`
