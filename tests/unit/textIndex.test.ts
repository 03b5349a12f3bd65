import { DatabaseSync } from 'node:sqlite'
import { evaluate, parse } from 'groq-js'
import { describe, expect, it } from 'vitest'
import { indexableTerms, TextIndex, wordsOfText } from '../../sanity/lake/storage/textIndex'

describe('indexableTerms', () => {
  it.each([
    ['exports', [{ word: 'exports', prefix: false }]],
    [
      'Export* RICE',
      [
        { word: 'export', prefix: true },
        { word: 'rice', prefix: false },
      ],
    ],
    [
      '"coal" && rice*',
      [
        { word: 'coal', prefix: false },
        { word: 'rice', prefix: true },
      ],
    ],
    // Terms groq-js reads as patterns the index cannot look up: left to groq-js, narrowing nothing.
    ['ex*rts', undefined],
    ['*', undefined],
    // groq-js drops dots next to a word boundary, in patterns as in text: "U.S." is "US".
    ['coal.rice', [{ word: 'coalrice', prefix: false }]],
    ['무역*', undefined],
    ['ｅxports', undefined],
    ['', undefined],
    ['무역 coal', [{ word: 'coal', prefix: false }]],
  ])('%j → %j', (pattern, expected) => {
    expect(indexableTerms(pattern)).toEqual(expected)
  })
})

describe('the word index', () => {
  it('finds documents by whole words and prefixes, every term needed, and forgets what a write removes', () => {
    const index = new TextIndex<string>(new DatabaseSync(':memory:'))
    index.update('a', undefined, { headline: 'Coal exports rose', body: [{ children: [{ text: 'Rice too.' }] }] })
    index.update('b', undefined, { headline: 'Rice imports', tags: ['EXPORTER'] })
    const ids = (pattern: string) => [...index.keysMatching(indexableTerms(pattern) ?? [])].sort()
    expect(ids('rice')).toEqual(['a', 'b'])
    expect(ids('export*')).toEqual(['a', 'b'])
    expect(ids('exports')).toEqual(['a'])
    expect(ids('rice coal')).toEqual(['a'])
    expect(ids('zeppelin')).toEqual([])
    index.update('a', { headline: 'Coal exports rose', body: [{ children: [{ text: 'Rice too.' }] }] }, { headline: 'Coal only' })
    expect(ids('rice')).toEqual(['b'])
    expect(ids('coal')).toEqual(['a'])
    index.update('b', { headline: 'Rice imports', tags: ['EXPORTER'] }, undefined)
    expect(ids('rice')).toEqual([])
    expect(ids('export*')).toEqual([])
  })

  it('splits words as groq-js does, so every document groq-js matches is a candidate', async () => {
    const texts = [
      "North Korea's exports (U.S.-bound) fell... re-exports rose; e-mail: trade@customs.example",
      'CHINA—imports $12.98 million, 3,000 tonnes; “quoted” ｅxports Kelvin \u212Aorea',
      'tab\tseparated\nlines\u2028and\u00a0spaces',
    ]
    const docs = texts.map((text, i) => ({ _id: `d${i}`, _type: 'story', text }))
    const index = new TextIndex<string>(new DatabaseSync(':memory:'))
    for (const doc of docs) index.update(doc._id, undefined, doc)
    const patterns = [...new Set(texts.flatMap(wordsOfText).flatMap((word) => [word, `${word.slice(0, 3)}*`, word.toUpperCase()]))]
    for (const pattern of patterns) {
      const terms = indexableTerms(pattern)
      if (!terms) continue
      const matching = await (
        await evaluate(parse(`*[text match $pattern]._id`, { params: { pattern } }), { dataset: docs, params: { pattern } })
      ).get()
      const candidates = index.keysMatching(terms)
      for (const id of matching as string[]) expect(candidates.has(id), `${pattern} should find ${id}`).toBe(true)
    }
  })
})
