import { describe, expect, it } from 'vitest'
import { staticImports, withRuntimeConfig } from '../../sanity/local/studioServer'

const INDEX =
  '<!DOCTYPE html><html><head><title>Sanity Studio</title></head><body><script src="/static/sanity-abc.js" type="module"></script></body></html>'

describe("the served Studio's index page", () => {
  it('sets the addresses of this run before the bundle runs', () => {
    const html = withRuntimeConfig(INDEX, { lakeUrl: 'http://localhost:3400', previewUrl: 'http://localhost:3000' })
    expect(html).toContain(
      '<head><script>window.__FACTLINE_STUDIO__={"lakeUrl":"http://localhost:3400","previewUrl":"http://localhost:3000"}</script>',
    )
    expect(html.indexOf('__FACTLINE_STUDIO__')).toBeLessThan(html.indexOf('/static/sanity-abc.js'))
  })

  it.each(['http://x</script><script>alert(1)</script>', 'http://x<!--', 'http://x</SCRIPT >'])(
    'keeps %j inside the config script',
    (previewUrl) => {
      const html = withRuntimeConfig(INDEX, { previewUrl })
      const script = html.slice(html.indexOf('<script>') + '<script>'.length)
      expect(script.slice(0, script.indexOf('</script>'))).toContain('previewUrl')
      expect((html.match(/<script/gi) ?? []).length).toBe(2)
    },
  )

  it('preloads every chunk the entry imports statically, however deep, once each, and no lazy one', () => {
    const manifest = {
      'app.js': { file: 'static/sanity-abc.js', isEntry: true, imports: ['a', 'b'], dynamicImports: ['lazy'] },
      a: { file: 'static/a-1.js', imports: ['c'] },
      b: { file: 'static/b-2.js', imports: ['c', 'a'] },
      c: { file: 'static/c-3.js' },
      lazy: { file: 'static/lazy-4.js', imports: ['c'] },
    }
    expect(staticImports(manifest).toSorted()).toEqual(['/static/a-1.js', '/static/b-2.js', '/static/c-3.js'])
    expect(withRuntimeConfig(INDEX, {}, ['/static/a-1.js'])).toContain('<link rel="modulepreload" crossorigin href="/static/a-1.js"/>')
  })
})
