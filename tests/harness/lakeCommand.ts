import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { LAKE_NODE_FLAGS } from '../../sanity/lake/nodeFlags'

const repoRoot = path.resolve(import.meta.dirname, '../..')

/**
 * The lake's command line (`sanity/lake/main.ts`, as `npm run lake` runs it) in a process of its own,
 * on a free port and with no seed; resolves with the URL it prints once it listens. `root` is the
 * checkout whose lake to run (a bench may compare another one). By default it runs with the lake's
 * V8 flags, as one process; `nodeFlags: []` starts it without, as tsx does, so that it relaunches itself.
 */
export async function spawnLakeCommand({
  dataDir,
  token,
  root = repoRoot,
  nodeFlags = LAKE_NODE_FLAGS,
}: {
  dataDir: string
  token: string
  root?: string
  nodeFlags?: readonly string[]
}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeFlags, path.join(root, 'sanity/lake/main.ts')], {
    cwd: root,
    env: { ...process.env, LAKE_PORT: '0', LAKE_DATA_DIR: dataDir, LAKE_SEED_DIR: '', LAKE_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout?.on('data', (chunk) => {
      output += chunk
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1]) resolve(match[1])
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    child.once('exit', (code) => reject(new Error(`The lake exited (${code}) before listening:\n${output}`)))
  })
  return { child, url }
}
