import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { normaliseContent } from '@/lib/content/normaliseContent'
import {
  AUTHOR_FEED_QUERY,
  FEED_AUTHOR_QUERY,
  FEED_SECTION_QUERY,
  FEED_STORY_QUERY,
  SECTION_FEED_QUERY,
  SITE_FEED_QUERY,
} from '@/lib/content/queries'
import type { FeedContext } from '@/lib/feeds/context'
import { buildNinjsFeed, storyNinjs } from '@/lib/feeds/ninjs'
import { authorScope, sectionScope, siteScope } from '@/lib/feeds/scopes'
import { HOSTILE_ARTICLES, HOSTILE_SUPPORT } from '../e2e/hostileCorpus'
import { startTestLake, type TestLake } from '../harness/lake'
import { schemaErrors, validateExtendedNinjs, validateIptcNinjs } from '../harness/ninjsValidators'

const context: FeedContext = {
  siteUrl: 'https://factline.example',
  imageUrl: (_, width) => `https://factline.example/media/x.jpg?w=${width}`,
}

/**
 * Every story the seed holds, and the hostile corpus (markup, control characters, broken blocks)
 * beside them, read from the embedded lake with the real client and normalised as the site does:
 * each story's ninjs validates against our extension, and every feed against IPTC's 3.1 schema.
 */
describe('ninjs of every seeded and hostile story', () => {
  let testLake: TestLake
  let slugs: string[] = []

  beforeAll(async () => {
    testLake = await startTestLake()
    const transaction = testLake.client.transaction()
    for (const doc of [...HOSTILE_SUPPORT, ...HOSTILE_ARTICLES] as Array<{ _id: string; _type: string }>) transaction.createOrReplace(doc)
    await transaction.commit()
    slugs = await testLake.client.fetch<string[]>(`*[_type == "article" && defined(slug.current) && defined(publishedAt)].slug.current`)
  }, 120_000)
  afterAll(() => testLake?.stop())

  it('validates each story against the extension, and with the extension taken off against IPTC 3.1', async () => {
    expect(slugs.length).toBeGreaterThan(HOSTILE_ARTICLES.length)
    const failures: string[] = []
    for (const slug of slugs) {
      const article = normaliseContent(await testLake.client.fetch(FEED_STORY_QUERY, { slug }))
      if (!article) throw new Error(`${slug} did not load`)
      const ninjs = storyNinjs(article, context)
      if (!validateExtendedNinjs(ninjs)) failures.push(`${slug} (extension): ${schemaErrors(validateExtendedNinjs.errors)}`)
      const { factline: _, ...iptcOnly } = ninjs
      if (!validateIptcNinjs(iptcOnly)) failures.push(`${slug} (IPTC): ${schemaErrors(validateIptcNinjs.errors)}`)
    }
    expect(failures).toEqual([])
  })

  it('validates the site, section and author feeds against IPTC 3.1', async () => {
    const client = testLake.client
    const site = buildNinjsFeed(siteScope, normaliseContent(await client.fetch(SITE_FEED_QUERY)), context).document
    const section = normaliseContent(await client.fetch(FEED_SECTION_QUERY, { slug: 'data-desk' }))
    const author = normaliseContent(await client.fetch(FEED_AUTHOR_QUERY, { slug: 'sample-lee-jun-seo' }))
    if (!section || !author) throw new Error('the hostile corpus names a section and an author the seed lacks')
    const feeds = [
      site,
      buildNinjsFeed(sectionScope(section), normaliseContent(await client.fetch(SECTION_FEED_QUERY, { id: section._id })), context)
        .document,
      buildNinjsFeed(authorScope(author), normaliseContent(await client.fetch(AUTHOR_FEED_QUERY, { id: author._id })), context).document,
    ]
    for (const feed of feeds) {
      expect(feed.associations.length).toBeGreaterThan(0)
      const valid = validateIptcNinjs(feed)
      expect(schemaErrors(validateIptcNinjs.errors)).toBe('')
      expect(valid).toBe(true)
    }
    // The hostile stories are in the section's feed, their markup as text.
    const hostile = feeds[1]?.associations.find((a) => a.uri.endsWith('/articles/markup-in-text'))
    expect(hostile?.headlines[0]?.value).toBe('Test content: <script>alert("headline")</script> & <b>bold</b>')
  })
})
