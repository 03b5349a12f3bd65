import fs from 'node:fs'
import path from 'node:path'

const LOCK_FILE = 'lock'

/** One writer per data dir: a lock file naming the process, taken over only if that process is gone. */
export function lockDataDir(dataDir: string): void {
  const file = path.join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
      return
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      const holder = Number.parseInt(fs.readFileSync(file, 'utf8'), 10)
      if (isRunning(holder)) {
        throw new Error(`${path.dirname(file)} is in use by another content lake (process ${holder})`)
      }
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`Could not lock ${path.dirname(file)}`)
}

export function unlockDataDir(dataDir: string): void {
  fs.rmSync(path.join(dataDir, LOCK_FILE), { force: true })
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}
