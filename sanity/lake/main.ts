/** Runs the embedded content lake on its own (`npm run lake`); see options.ts for its environment. */
import path from 'node:path'
import { lakeOptionsFromEnv } from './options'
import { startLake } from './server'

const options = lakeOptionsFromEnv()
const lake = await startLake(options)
console.log(`Content lake listening on ${lake.url} (data in ${options.dataDir}, API token in ${path.join(options.dataDir, 'token')})`)

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    lake.close().then(
      () => process.exit(0),
      (err) => {
        console.error('Content lake: could not shut down cleanly:', err)
        process.exit(1)
      },
    )
  })
}
