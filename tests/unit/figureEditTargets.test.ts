import { describe, expect, it } from 'vitest'
import { editTarget, tradeFactBlocks, tradeFactPath } from '@/lib/content/editTargets'

const body = [
  {
    _type: 'block',
    _key: 'p1',
    children: [
      { _type: 'span', _key: 's1', text: 'Shipments totaled ' },
      { _type: 'tradeFact', _key: 'f1' },
    ],
  },
  { _type: 'photo', _key: 'ph' },
  {
    _type: 'block',
    _key: 'p2',
    children: [
      { _type: 'tradeFact', _key: 'f2' },
      { _type: 'tradeFact', _key: 'f3' },
    ],
  },
  { _type: 'block', _key: 'p3', children: null },
]

describe("a figure's click-to-edit target", () => {
  it('finds the paragraph of each trade fact', () => {
    expect([...tradeFactBlocks(body)]).toEqual([
      ['f1', 'p1'],
      ['f2', 'p2'],
      ['f3', 'p2'],
    ])
    expect(tradeFactBlocks(null).size).toBe(0)
  })

  it('names the article, its trade fact by keys (the Studio writes them body:p2.children:f3), and the Studio', () => {
    const target = editTarget({ _id: 'article.nk-imports', _type: 'article' }, tradeFactPath('p2', 'f3'))
    const fields = Object.fromEntries(target.split(';').map((pair) => pair.split('=').map(decodeURIComponent)))
    expect(fields).toEqual({ id: 'article.nk-imports', type: 'article', path: 'body:p2.children:f3', base: 'http://localhost:3333' })
  })
})
