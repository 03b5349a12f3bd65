/**
 * Runs the embedded content lake on its own (`npm run lake`); see options.ts for its environment.
 * `--studio` lets the local Studio (`npm run studio`, run beside it) sign in as its editor.
 */
import path from 'node:path'
import { startLake } from './lake'
import { relaunchWithLakeFlags } from './nodeFlags'
import { lakeOptionsFromEnv } from './options'

await relaunchWithLakeFlags()

const options = lakeOptionsFromEnv(process.env, { studio: process.argv.includes('--studio') })
const lake = await startLake(options).catch((err: Error) => {
  // A damaged data dir says what to do; the stack would only bury that.
  console.error(`Content lake did not start: ${err.message}`)
  process.exit(1)
})
console.log(`Content lake listening on ${lake.url} (data in ${options.dataDir}, API token in ${path.join(options.dataDir, 'token')})`)

// Shut down once: a Ctrl-C reaches this process twice when it was relaunched with the lake's flags
// (from the terminal and from the process that relaunched it), and the second must not cut the first short.
let stopping = false
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    lake.close().then(
      () => process.exit(0),
      (err) => {
        console.error('Content lake: could not shut down cleanly:', err)
        process.exit(1)
      },
    )
  })
}
