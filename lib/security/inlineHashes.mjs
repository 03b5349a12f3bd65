import { createHash } from 'node:crypto'
import { parse } from 'parse5'

/** Script types a browser runs; anything else (JSON-LD, for one) is a data block CSP does not govern. */
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'module', 'application/javascript'])

/**
 * The CSP hash sources (`sha256-…`) of every inline script and style element of a page, read with
 * a spec-compliant HTML parser so that each covers exactly the text the browser will hash.
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
    if (node.nodeName === 'script' && attribute('src') === undefined) {
      if (SCRIPT_TYPES.has((attribute('type') ?? '').trim().toLowerCase())) scripts.add(hashSource(text()))
    } else if (node.nodeName === 'style') {
      styles.add(hashSource(text()))
    }
    for (const child of node.content?.childNodes ?? node.childNodes ?? []) visit(child)
  }
  visit(parse(html))
  return { scripts: [...scripts], styles: [...styles] }
}

const hashSource = (text) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`
