import fs from 'node:fs'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import type { LegacyData } from './legacyFiles'
import type { DamagedRecord } from './records'

/** Where copies of damaged files are kept, untouched, for inspection or recovery by hand. */
const QUARANTINE_DIR = 'quarantine'

/** Damage found in a file of the data dir: which lines (in the database, rows by position), and what they still name. */
export type FileDamage = { file: string; lines: DamagedRecord[] }

/** What `repair` kept and lost. */
export type RepairReport = {
  damage: FileDamage[]
  /** Copies of the damaged files, as they were. */
  quarantined: string[]
  /** Transactions whose damaged journal line still names them. */
  lostTransactions: string[]
  /** Documents a damaged line named that no intact later record wrote again: missing, or at an older state. */
  possiblyLost: string[]
  /** Documents a damaged line named whose latest state an intact later record holds. */
  recovered: string[]
  documents: number
}

const isDatabase = (file: string) => file.endsWith('.sqlite')

/** Where in a file a damaged record is: a line of the old files, a row (by position) of the database, or its structure. */
export function placeOf(file: string, { line, offset, documentIds }: DamagedRecord): string {
  if (!isDatabase(file)) return `at line ${line} (byte ${offset})`
  return line > 0 ? `at row ${line} (document ${documentIds[0]})` : 'in its structure'
}

/** The data dir holds damaged acknowledged data: the lake does not start on it. */
export class StoreDamagedError extends Error {
  constructor(
    readonly damage: FileDamage[],
    readonly quarantined: string[],
  ) {
    const [first] = damage
    const line = first?.lines[0]
    const count = damage.reduce((sum, { lines }) => sum + lines.length, 0)
    const database = first ? isDatabase(first.file) : false
    super(
      `${first?.file} is damaged ${first && line ? placeOf(first.file, line) : ''}: ${line?.reason}` +
        `${count > 1 ? `, and ${count - 1} more damaged ${database ? 'row' : 'line'}(s)` : ''}. ` +
        (database
          ? 'Every row there was written by an acknowledged transaction, so this is damage to stored data; '
          : 'A complete line is one that was acknowledged, so this is damage to stored data, not a write cut off by a crash; ') +
        'the lake does not start on it, so that nothing more is lost. ' +
        (quarantined.length > 0 ? `A copy of the damaged file(s) is kept at ${quarantined.join(', ')}. ` : '') +
        `To keep every intact record and see what is lost, run \`npm run lake:repair -- ${path.dirname(first?.file ?? '')}\` with the lake stopped; or restore the data dir from a backup.`,
    )
    this.name = 'StoreDamagedError'
  }
}

export const damagedFiles = ({ damage }: LegacyData) => damage.map(({ file }) => file)

/** The database and the files SQLite keeps beside it while it is open. */
export const databaseFiles = (file: string) => [file, `${file}-wal`, `${file}-shm`]

/** Copies each damaged file aside (once per content) and returns where. */
export function quarantine(dataDir: string, files: string[]): string[] {
  const dir = path.join(dataDir, QUARANTINE_DIR)
  fs.mkdirSync(dir, { recursive: true })
  return (
    files
      // The shared-memory index is rebuilt from the others; an empty log holds nothing.
      .filter((file) => fs.existsSync(file) && !file.endsWith('-shm') && fs.statSync(file).size > 0)
      .map((file) => {
        const extension = path.extname(file)
        const copy = path.join(dir, `${path.basename(file, extension)}-${checksumOfFile(file)}${extension}`)
        if (!fs.existsSync(copy)) fs.copyFileSync(file, copy)
        return copy
      })
  )
}

function checksumOfFile(file: string): string {
  const fd = fs.openSync(file, 'r')
  const chunk = Buffer.alloc(1024 * 1024)
  let checksum = 0
  try {
    for (let read = fs.readSync(fd, chunk); read > 0; read = fs.readSync(fd, chunk)) checksum = crc32(chunk.subarray(0, read), checksum)
  } finally {
    fs.closeSync(fd)
  }
  return checksum.toString(16).padStart(8, '0')
}
