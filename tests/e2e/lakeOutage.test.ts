import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACK_SHORTLY_STYLES } from '@/lib/http/backShortlyPage.mjs'
import { REFERENCE_STORY } from '../harness/referenceStory'
import { deliverPublishWebhook, pollUntil, reviseMarchImports } from '../harness/revision'
import { type RunningSite, startSite } from '../harness/site'

/** What readers had before the outage, and a line of it that must still be there during it. */
const WARMED = [
  { path: '/', shows: 'NK imports from China spike in March' },
  { path: REFERENCE_STORY, shows: '$12.98 million' },
  { path: '/sections/economy', shows: '<h1>Economy</h1>' },
  { path: '/authors/ahn-sung-mi', shows: 'Ahn Sung-mi' },
  { path: '/data/north-korea-imports-from-china', shows: '<td>$12.98 million</td>' },
  { path: '/feeds/rss.xml', shows: '$12.98 million' },
  { path: '/sections/economy/atom.xml', shows: '<title>Factline: Economy</title>' },
  { path: '/feeds/feed.json', shows: '"value": 12978000' },
  { path: '/sitemap.xml', shows: '/sitemaps/stories-1.xml' },
  { path: '/sitemaps/stories-1.xml', shows: REFERENCE_STORY },
  { path: '/news-sitemap.xml', shows: '<urlset' },
  { path: '/data/north-korea-imports-from-china/observations.csv', shows: '2021-03' },
]
/** Never requested before the outage: nothing to fall back on. */
const NEVER_READ = ['/sections/data-desk', '/authors/sample-lee-jun-seo', '/sections/data-desk/rss.xml']

describe('a content-lake outage, straight to next start', () => {
  let site: RunningSite

  beforeAll(async () => {
    // A lake of its own to stop, in front of the build the e2e run made.
    site = await startSite({ build: false })
  })
  afterAll(async () => {
    await site?.stop()
  })

  it('serves every page and feed readers had, a branded 503 for the rest, and recovers by itself', async () => {
    for (const { path, shows } of WARMED) {
      const warm = await fetch(`${site.siteUrl}${path}`)
      expect(warm.status, path).toBe(200)
      expect(await warm.text(), path).toContain(shows)
    }

    // A publish expires everything cached just as the lake goes down: each page's next render cannot reach it.
    expect((await deliverPublishWebhook(site)).status).toBe(200)
    await site.stopLake()

    for (const round of [1, 2]) {
      for (const { path, shows } of WARMED) {
        const during = await fetch(`${site.siteUrl}${path}`)
        expect(during.status, `${path}, round ${round}`).toBe(200)
        expect(await during.text(), `${path}, round ${round}`).toContain(shows)
      }
    }

    for (const path of NEVER_READ) {
      const unavailable = await fetch(`${site.siteUrl}${path}`)
      expect(unavailable.status, path).toBe(503)
      expect(unavailable.headers.get('retry-after'), path).toBe('30')
      expect(unavailable.headers.get('content-type'), path).toContain('text/html')
      // Styled as the site: its one inline style is allowed by every policy it is sent under.
      for (const style of BACK_SHORTLY_STYLES) expect(unavailable.headers.get('content-security-policy'), path).toContain(`'${style}'`)
      const page = await unavailable.text()
      expect(page, path).toContain('<header><a href="/">Factline</a></header>')
      expect(page, path).toContain('This page is taking a moment')
      expect(page, path).not.toMatch(/Error|\bat .+:\d+:\d+/)
    }
    // The 503 was not stored as the page: still unavailable, and not served as if it were content.
    expect((await fetch(`${site.siteUrl}${NEVER_READ[0]}`)).status).toBe(503)
    // An in-app navigation to it gets the status too (not a 500), and the router then loads it as a document.
    expect((await fetch(`${site.siteUrl}${NEVER_READ[1]}`, { headers: { rsc: '1' } })).status).toBe(503)

    await site.resumeLake()
    const recovered = await pollUntil(`${site.siteUrl}/sections/data-desk`, (answer) => answer.status === 200)
    expect(recovered.body).toContain('<h1>Data Desk</h1>')
    const feed = await pollUntil(`${site.siteUrl}/sections/data-desk/rss.xml`, (answer) => answer.status === 200)
    expect(feed.body).toContain('<title>Factline: Data Desk</title>')

    await reviseMarchImports(site, 13_500_000)
    const revised = await pollUntil(`${site.siteUrl}${REFERENCE_STORY}`, (answer) => answer.body.includes('$13.5 million'))
    expect(revised.status).toBe(200)
    expect(revised.body).toContain('$13.5 million')
  })
})
