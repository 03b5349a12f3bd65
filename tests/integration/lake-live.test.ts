import type { LiveEvent, SanityClient } from '@sanity/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { lakeClient, startTestLake, type TestLake } from '../harness/lake'

let lake: TestLake
let editor: SanityClient
let reader: SanityClient

beforeAll(async () => {
  lake = await startTestLake({ seeded: false, keepReleases: false })
  editor = lake.client
  reader = lakeClient(lake.lake.url)
  await editor
    .transaction()
    .create({ _id: 'author-ada', _type: 'author', name: 'Ada' })
    .create({ _id: 'author-bo', _type: 'author', name: 'Bo' })
    .create({
      _id: 'story-rice',
      _type: 'article',
      title: 'Rice',
      slug: { current: 'rice' },
      author: { _type: 'reference', _ref: 'author-ada' },
    })
    .create({ _id: 'story-coal', _type: 'article', title: 'Coal', slug: { current: 'coal' } })
    .create({ _id: 'section.food', _type: 'section', title: 'Food' })
    .commit()
})

afterAll(() => lake.stop())

/** A live stream's messages as they arrive; `until(n)` resolves once n have. */
function openStream(client: SanityClient, options: { includeDrafts?: boolean } = {}) {
  const messages: Extract<LiveEvent, { type: 'message' }>[] = []
  const waiters: { count: number; resolve: () => void }[] = []
  let welcomed!: () => void
  const welcome = new Promise<void>((resolve) => {
    welcomed = resolve
  })
  const subscription = client.live.events(options).subscribe({
    next(event) {
      if (event.type === 'welcome') welcomed()
      if (event.type !== 'message') return
      messages.push(event)
      for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve()
    },
  })
  return {
    messages,
    /** The n-th message (from 0), which the caller has waited for. */
    message(n: number) {
      const message = messages[n]
      if (!message) throw new Error(`No message ${n} yet: ${messages.length} arrived`)
      return message
    },
    welcome,
    until: (count: number) =>
      messages.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () => subscription.unsubscribe(),
  }
}

async function syncTagsOf(client: SanityClient, query: string, params: Record<string, unknown> = {}, perspective?: 'drafts') {
  const response = await client.fetch(query, params, { filterResponse: false, ...(perspective ? { perspective } : {}) })
  return response.syncTags as string[]
}

const meets = (a: readonly string[], b: readonly string[]) => a.some((tag) => b.includes(tag))

/** The first message a reader's stream, opened before `write`, receives after it. */
async function firstMessageAfter(write: () => Promise<unknown>) {
  const stream = openStream(reader)
  await stream.welcome
  await write()
  await stream.until(1)
  stream.close()
  return stream.message(0)
}

describe('sync tags on query answers', () => {
  test('a query names what it read, and different reads have different tags', async () => {
    const story = await syncTagsOf(reader, '*[_id == $id][0]{title, author->{name}}', { id: 'story-rice' })
    const section = await syncTagsOf(reader, '*[_id == $id][0]{title}', { id: 'section.food' })
    expect(story.length).toBeGreaterThan(0)
    for (const tag of story) expect(tag).toMatch(/^s1:[\w-]+$/)
    expect(meets(story, section)).toBe(false)
  })
})

describe('live events', () => {
  test('a mutation to a document a query read sends a message with one of that query’s tags', async () => {
    const storyTags = await syncTagsOf(reader, '*[_id == $id][0]{title, author->{name}}', { id: 'story-rice' })
    const sectionTags = await syncTagsOf(reader, '*[_id == $id][0]{title}', { id: 'section.food' })
    const listTags = await syncTagsOf(reader, '*[_type == "article"] | order(title asc){title}')
    const stream = openStream(reader)
    await stream.welcome
    // The author is read only through the story's reference.
    await editor.patch('author-ada').set({ name: 'Ada L.' }).commit()
    await editor.create({ _id: 'story-tea', _type: 'article', title: 'Tea' })
    await stream.until(2)
    stream.close()
    const [authorChange, newStory] = [stream.message(0), stream.message(1)]
    expect(meets(authorChange.tags, storyTags)).toBe(true)
    expect(meets(authorChange.tags, sectionTags)).toBe(false)
    // A new article is news for a list of articles it was not yet in.
    expect(meets(newStory.tags, listTags)).toBe(true)
    expect(meets(newStory.tags, sectionTags)).toBe(false)
  })

  test('a lookup that found nothing hears of the document’s creation', async () => {
    const tags = await syncTagsOf(reader, '*[_id == "story-later"][0]')
    const created = await firstMessageAfter(() => editor.create({ _id: 'story-later', _type: 'article', title: 'Later' }))
    expect(meets(created.tags, tags)).toBe(true)
  })

  test('a ranked search, answered from the text indexes, hears of a new story it would find', async () => {
    const ranked = '*[_type == "article" && title match $terms] | score(boost(title match $terms, 3)) | order(_score desc)[0...10]{title}'
    // With the token, as the site asks: the published view a ranked search is answered natively in.
    const tags = await syncTagsOf(editor, ranked, { terms: 'barley*' })
    const created = await firstMessageAfter(() => editor.create({ _id: 'story-barley', _type: 'article', title: 'Barley' }))
    expect(meets(created.tags, tags)).toBe(true)
    expect(await editor.fetch(ranked, { terms: 'barley*' }, { perspective: 'published' })).toEqual([{ title: 'Barley' }])
  })

  test('a query that reads the whole dataset or the word index hears of every change', async () => {
    const scanTags = await syncTagsOf(reader, 'count(*[defined(title)])')
    const searchTags = await syncTagsOf(reader, '*[title match "rice"]{title}')
    const created = await firstMessageAfter(() => editor.create({ _id: 'memo.unrelated', _type: 'memo', note: 'no title' }))
    expect(meets(created.tags, scanTags)).toBe(true)
    expect(meets(created.tags, searchTags)).toBe(true)
  })

  test('draft edits reach only streams opened with includeDrafts and the token', async () => {
    const draftTags = await syncTagsOf(editor, '*[_id == $id][0]{title}', { id: 'story-coal' }, 'drafts')
    const withDrafts = openStream(editor, { includeDrafts: true })
    const published = openStream(reader)
    await Promise.all([withDrafts.welcome, published.welcome])
    await editor.createOrReplace({ _id: 'drafts.story-coal', _type: 'article', title: 'Coal (draft)' })
    await editor.patch('section.food').set({ title: 'Food and farming' }).commit()
    await Promise.all([withDrafts.until(2), published.until(1)])
    withDrafts.close()
    published.close()
    expect(meets(withDrafts.message(0).tags, draftTags)).toBe(true)
    // The stream without drafts skipped the draft's transaction: its first message is the section's.
    expect(published.message(0).id).toBe(withDrafts.message(1).id)
  })

  test('without the token a stream with drafts is refused', async () => {
    const response = await fetch(`${lake.lake.url}/vX/data/live/events/production?includeDrafts=true`)
    expect(response.status).toBe(401)
    expect((await response.json()).message).toMatch(/includeDrafts/)
  })

  test('a stream resumes after a known event id and restarts after an unknown one', async () => {
    const seen = (await firstMessageAfter(() => editor.patch('story-rice').set({ title: 'Rice (1)' }).commit())).id as string
    await editor.patch('story-rice').set({ title: 'Rice (2)' }).commit()

    // The edit made while away is replayed, under the next event id.
    const resumed = await readEvents({ 'Last-Event-ID': seen }, 'message')
    const [epoch, sequence] = seen.split(':')
    expect(resumed).toContain(`id: ${epoch}:${Number(sequence) + 1}\n`)
    expect(resumed).not.toContain('event: restart')

    const restarted = await readEvents({ 'Last-Event-ID': 'another-lake:41' }, 'restart')
    expect(restarted).toContain('event: restart')
  })

  test('a transaction too large for one message is told as a restart', async () => {
    const stream = openStream(reader)
    await stream.welcome
    const restarts: string[] = []
    const subscription = reader.live.events().subscribe((event) => {
      if (event.type === 'restart') restarts.push(event.id ?? '')
    })
    const imported = editor.transaction()
    for (let i = 0; i < 600; i++) imported.create({ _id: `imported.${i}`, _type: 'memo', slug: { current: `imported-${i}` } })
    await imported.commit()
    await editor.patch('section.food').set({ title: 'Food' }).commit()
    await stream.until(1)
    stream.close()
    subscription.unsubscribe()
    // The import came first, as a restart; the next edit is a message again.
    expect(restarts).toHaveLength(1)
    expect(Number(stream.message(0).id?.split(':')[1])).toBe(Number(restarts[0]?.split(':')[1]) + 1)
  })

  test('a stream keeps up with many quick edits, one message each, in order', async () => {
    const edits = 150
    const stream = openStream(editor, { includeDrafts: true })
    await stream.welcome
    await Promise.all(
      Array.from({ length: edits }, (_, i) =>
        editor
          .patch('story-rice')
          .set({ title: `Rice ${i}` })
          .commit({ visibility: 'async' }),
      ),
    )
    await stream.until(edits)
    // Still open after the burst: the next edit is heard too.
    await editor.patch('story-rice').set({ title: 'Rice, settled' }).commit()
    await stream.until(edits + 1)
    stream.close()
    const sequence = stream.messages.map((message) => Number(message.id?.split(':')[1]))
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b))
    expect(new Set(sequence).size).toBe(edits + 1)
  })
})

/** The raw stream from the start until the named event arrives, with the headers given. */
async function readEvents(headers: Record<string, string>, untilEvent: string): Promise<string> {
  const controller = new AbortController()
  const response = await fetch(`${lake.lake.url}/vX/data/live/events/production`, { headers, signal: controller.signal })
  expect(response.status).toBe(200)
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (!text.includes(`event: ${untilEvent}\n`)) {
    const { value, done } = await reader.read()
    if (done) break
    text += decoder.decode(value, { stream: true })
  }
  controller.abort()
  return text
}
