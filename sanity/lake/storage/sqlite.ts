import { createRequire } from 'node:module'

/**
 * Node's built-in SQLite, loaded with the one warning Node prints on loading it ("SQLite is an
 * experimental feature") left out: the lake depends on it knowingly, and every lake process would
 * otherwise print it. Every other warning, of loading it or later, is printed as before. Loaded
 * with `require` so that the warning is raised here, where it is filtered, and not while the
 * module graph is linked.
 */
function loadSqlite(): typeof import('node:sqlite') {
  const emitWarning = process.emitWarning
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type
    if (type === 'ExperimentalWarning' && String(warning).startsWith('SQLite is an experimental feature')) return
    Reflect.apply(emitWarning, process, [warning, ...rest])
  }) as typeof process.emitWarning
  try {
    return createRequire(import.meta.url)('node:sqlite')
  } finally {
    process.emitWarning = emitWarning
  }
}

export const { DatabaseSync } = loadSqlite()
export type DatabaseSync = import('node:sqlite').DatabaseSync
