/**
 * Exports the lake's data dir in Sanity's dataset export format (data.ndjson + images/):
 * `npx tsx sanity/lake/storage/export-cli.ts OUT_DIR`. Reads the data dir without locking it, so it also
 * works while a lake is running on it (LAKE_DATA_DIR, default .lake-data).
 */
import path from 'node:path'
import { exportDataset } from './import-export'
import { DocumentStore } from './store'

const outDir = process.argv[2]
if (!outDir) {
  console.error('Usage: npx tsx sanity/lake/storage/export-cli.ts OUT_DIR')
  process.exit(2)
}
const repoRoot = path.resolve(import.meta.dirname, '../../..')
const dataDir = path.resolve(repoRoot, process.env.LAKE_DATA_DIR || '.lake-data')
const store = DocumentStore.open(dataDir, { readOnly: true })
const { documents, assets } = exportDataset(store.documents(), path.join(dataDir, 'assets'), path.resolve(outDir))
console.log(`Exported ${documents} documents and ${assets} images from ${dataDir} to ${path.resolve(outDir)}`)
