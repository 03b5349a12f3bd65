/**
 * The embedded lake in a process of its own, for bench/lake-queries.ts: so that what it measures
 * as the lake's memory is the lake's alone. Started with `fork`; answers `memory` (after a full
 * garbage collection when run with --expose-gc), `indexed` (once background text indexing is done) and `close`
 * over the IPC channel.
 */
import { startLake } from '../sanity/lake/lake'

const dataDir = process.argv[2]
if (!dataDir || !process.send) throw new Error('Start this with fork(file, [dataDir])')
const send = (message: unknown) => process.send?.(message)

const started = performance.now()
const lake = await startLake({ port: 0, dataDir })
send({ type: 'ready', url: lake.url, token: lake.token, openMs: performance.now() - started })

process.on('message', async (message: { type?: string }) => {
  if (message.type === 'memory') {
    ;(globalThis as { gc?: () => void }).gc?.()
    send({ type: 'memory', usage: process.memoryUsage() })
  } else if (message.type === 'indexed') {
    await lake.indexed()
    send({ type: 'indexed' })
  } else if (message.type === 'close') {
    await lake.close()
    process.exit(0)
  }
})
