import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTICLE_QUERY } from '@/lib/content/queries'
import { presentTradeFact, tradeFactsIn } from '@/lib/figures/presentTradeFact'
import { startTestLake, type TestLake } from '../harness/lake'

const SLUG = 'nk-imports-from-china-spike-in-march'
const IMPORTS = 'tradeSeries.chn-prk-x-total-m'

/** The value at publication, derived from the history stored in the lake, through the app's own query. */
describe('figures against revised data in the lake', () => {
  let testLake: TestLake
  const client = () => testLake.client

  const figures = async () => {
    const article = await client().fetch(ARTICLE_QUERY, { slug: SLUG })
    return tradeFactsIn(article?.body).map((fact) => presentTradeFact(fact, article?.publishedAt))
  }

  beforeAll(async () => {
    testLake = await startTestLake()
  })
  afterAll(() => testLake?.stop())

  it('reads every figure of the reference story as published, with no revision', async () => {
    const all = await figures()
    expect(all.map((f) => f.text)).toEqual(['$12.98 million', '$3,000', '$18.9 million', '$1.3 million', '$1.75 million'])
    expect(all.every((f) => f.resolved && f.revision === undefined && f.valueAtPublication === f.value)).toBe(true)
  })

  it('shows a later revision with the value readers saw at publication', async () => {
    const march = 'observations[_key=="2021-03"]'
    await client()
      .withConfig({ perspective: 'raw' })
      .patch(IMPORTS)
      .setIfMissing({ [`${march}.history`]: [] })
      .insert('after', `${march}.history[-1]`, [
        {
          _key: 'r1',
          _type: 'observationRelease',
          primaryValue: 12_980_000,
          status: 'provisional',
          releasedAt: '2021-04-18T02:00:00.000Z',
        },
      ])
      .set({ [`${march}.primaryValue`]: 13_010_000, [`${march}.status`]: 'revised', [`${march}.releasedAt`]: '2021-05-18T02:00:00.000Z' })
      .commit()
    const [first] = await figures()
    expect(first).toMatchObject({
      resolved: true,
      text: '$13.01 million',
      status: 'revised',
      value: 13_010_000,
      valueAtPublication: 12_980_000,
      revision: { publishedText: '$12.98 million', publishedOn: 'April 19, 2021', revisedOn: 'May 18, 2021' },
    })
  })

  it('falls back to the typed text, unverified, when an observation is deleted', async () => {
    await client().patch(IMPORTS).unset(['observations[_key=="2021-02"]']).commit()
    const second = (await figures())[1]
    expect(second).toMatchObject({ resolved: false, text: '$3,000' })
    expect(!second?.resolved && second?.problem).toBe(`series ${IMPORTS} has no value for 2021-02`)
  })
})
