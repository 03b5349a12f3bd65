import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { inlineHashes } from '@/lib/security/inlineHashes.mjs'

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`

describe('inlineHashes', () => {
  it('hashes the raw text of each inline script, as the browser reads it, and skips external ones', () => {
    const html = `<!doctype html><html><head>
      <script>self.__next_f.push([1,"a&amp;b"])</script>
      <SCRIPT type="module">import "x"</SCRIPT>
      <script src="/_next/static/chunks/app.js" async></script>
      <script type="application/ld+json">{"@type":"NewsArticle"}</script>
    </head><body><template><script>inTemplate()</script></template>
      <script>self.__next_f.push([1,"a&amp;b"])</script></body></html>`
    expect(inlineHashes(html).scripts.toSorted()).toEqual(
      [
        sha256('self.__next_f.push([1,"a&amp;b"])'),
        sha256('import "x"'),
        sha256('{"@type":"NewsArticle"}'),
        sha256('inTemplate()'),
      ].toSorted(),
    )
  })

  it('hashes inline styles apart from scripts, including a multi-byte character', () => {
    const { scripts, styles } = inlineHashes('<html><head><style>q::before{content:"“"}</style></head><body></body></html>')
    expect(scripts).toEqual([])
    expect(styles).toEqual([sha256('q::before{content:"“"}')])
  })
})
