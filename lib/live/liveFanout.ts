import 'server-only'
import { createClient } from '@redis/client'
import { announceContentChange, type ContentChange } from './liveEvents'

const CHANNEL = 'factline:content-changes'

type Fanout = { publish(change: ContentChange): Promise<unknown> }

// One connection pair per server process, whichever route bundle asks first.
const holder = globalThis as { __factlineFanout?: Promise<Fanout | undefined> }

/**
 * With REDIS_URL, a published change reaches the open pages of every instance: the instance the
 * webhook reached publishes it on a Redis channel, and each instance (itself included) hears it
 * and tells its own readers. Without Redis, or while it is unreachable, the instance tells its
 * own readers only, and the others' readers see the change on their next page view.
 */
function fanout(): Promise<Fanout | undefined> {
  holder.__factlineFanout ??= connect().catch((error: Error) => {
    console.error('Live updates: Redis unreachable, announcing on this instance only:', error.message)
    holder.__factlineFanout = undefined
    return undefined
  })
  return holder.__factlineFanout
}

async function connect(): Promise<Fanout | undefined> {
  const url = process.env.REDIS_URL
  if (!url) return undefined
  const publisher = createClient({ url })
  const subscriber = publisher.duplicate()
  // Without listeners a dropped connection would crash the server; the clients reconnect themselves.
  for (const client of [publisher, subscriber]) client.on('error', (error: Error) => console.error('Live updates (Redis):', error.message))
  await Promise.all([publisher.connect(), subscriber.connect()])
  await subscriber.subscribe(CHANNEL, (message) => {
    try {
      announceContentChange(JSON.parse(message) as ContentChange)
    } catch {
      console.error('Live updates: ignored a malformed message on', CHANNEL)
    }
  })
  return { publish: (change) => publisher.publish(CHANNEL, JSON.stringify(change)) }
}

/** Tells every instance's open pages of a change the site has revalidated. */
export async function shareContentChange(change: ContentChange): Promise<void> {
  const shared = await fanout()
  if (!shared) return announceContentChange(change)
  try {
    await shared.publish(change)
  } catch (error) {
    console.error('Live updates: could not publish to Redis, announcing on this instance only:', (error as Error).message)
    announceContentChange(change)
  }
}

/** Readers of this instance hear changes announced on any: subscribe before the first one connects. */
export async function listenForSharedChanges(): Promise<void> {
  await fanout()
}
