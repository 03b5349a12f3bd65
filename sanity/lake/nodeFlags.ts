import { spawn } from 'node:child_process'

/**
 * The V8 flags the lake's process runs with, defined here alone: its launchers (main.ts,
 * scripts/with-lake.ts) start themselves again with them, and bench/lake-queries.ts forks the lake
 * with them. V8 sizes the young generation from the machine's memory (two 64 MB semi-spaces on a
 * 24 GB machine), and a process keeps every page it has touched: with 16 MB semi-spaces the lake
 * at 100,000 articles keeps about 200 MB less resident, answering as fast (README "Storage").
 */
export const LAKE_NODE_FLAGS = ['--max-semi-space-size=16']

/**
 * In a process started without the lake's flags, starts this script again with them (its output,
 * exit code, SIGINT and SIGTERM passed through) and returns a promise that never settles, so that
 * `await relaunchWithLakeFlags()` at the top of a launcher goes no further; where the process has
 * the flags, returns undefined.
 */
export function relaunchWithLakeFlags(): Promise<never> | undefined {
  if (LAKE_NODE_FLAGS.every((flag) => process.execArgv.includes(flag))) {
    // Relaunched (the channel is the relauncher's): end with it, even when it was killed outright,
    // which it could not pass on, rather than hold the data dir and port with no one to stop it.
    if (process.channel) {
      process.channel.unref()
      process.on('disconnect', () => process.exit(1))
    }
    return undefined
  }
  const child = spawn(process.execPath, [...process.execArgv, ...LAKE_NODE_FLAGS, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  return new Promise(() => {})
}
