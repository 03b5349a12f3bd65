/**
 * Repairs a data dir the lake refuses to start on because a file in it is damaged
 * (`npm run lake:repair`, on LAKE_DATA_DIR, default .lake-data; or `-- DATA_DIR`): keeps every
 * intact record, copies the damaged files aside, and reports what was lost. Run it with the lake
 * stopped: it takes the data dir's lock.
 */
import { lakeOptionsFromEnv } from '../options'
import { DocumentStore, placeOf } from './store'

const dataDir = process.argv[2] ?? lakeOptionsFromEnv().dataDir
const report = DocumentStore.repair(dataDir)
if (report.damage.length === 0) {
  console.log(`${dataDir}: no damage found; ${report.documents} documents.`)
  process.exit(0)
}
for (const { file, lines } of report.damage) {
  for (const damaged of lines) {
    const { reason, transactionId, documentIds } = damaged
    const names = [transactionId && `transaction ${transactionId}`, documentIds.length > 0 && `documents ${documentIds.join(', ')}`]
    console.log(
      `Dropped ${file} ${placeOf(file, damaged)}: ${reason}${names.some(Boolean) ? `; it named ${names.filter(Boolean).join('; ')}` : ''}`,
    )
  }
}
console.log(`Copies of the damaged files: ${report.quarantined.join(', ')}`)
if (report.recovered.length > 0) console.log(`Written again by a later intact record (current state kept): ${report.recovered.join(', ')}`)
if (report.possiblyLost.length > 0) {
  console.log(`Missing or at an older state (check them, or restore them from a backup or the copies): ${report.possiblyLost.join(', ')}`)
}
console.log(`${dataDir} repaired: ${report.documents} documents kept. The lake starts on it again.`)
