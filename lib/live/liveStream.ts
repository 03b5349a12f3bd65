import 'server-only'
import { latestContentChange, onContentChange } from './liveEvents'
import { listenForSharedChanges } from './liveFanout'

const KEEPALIVE_MS = 20_000

/** Server-sent events telling open pages that published content changed and they should refresh. */
export async function streamContentChanges(request: Request): Promise<Response> {
  // Subscribed before the greeting, so a change announced on another instance after it is heard.
  await listenForSharedChanges()
  const encoder = new TextEncoder()
  let cleanup = () => {}
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text))
      send('retry: 2000\n\n')
      // A page rendered before a change it missed (while hydrating or reconnecting) can tell from this.
      send(`event: hello\ndata: ${JSON.stringify({ lastChangeAt: latestContentChange()?.at ?? null })}\n\n`)
      const unsubscribe = onContentChange((change) => send(`event: content\ndata: ${JSON.stringify(change)}\n\n`))
      const keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS)
      cleanup = () => {
        unsubscribe()
        clearInterval(keepalive)
      }
      request.signal.addEventListener('abort', () => {
        cleanup()
        controller.close()
      })
    },
    cancel() {
      cleanup()
    },
  })
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
  })
}
