import fs from 'node:fs'
import path from 'node:path'
import { httpError } from '../../core/errors'
import { isRecord } from '../../core/json'

/** The editor's Studio preferences (list layouts, dismissed notices), kept beside the dataset. */
export class StudioPreferences {
  private readonly file: string
  private readonly values: Record<string, unknown>

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'studio-preferences.json')
    this.values = fs.existsSync(this.file) ? JSON.parse(fs.readFileSync(this.file, 'utf8')) : {}
  }

  get(keys: string[]) {
    return keys.map((key) => ({ key, value: this.values[key] ?? null }))
  }

  set(body: unknown) {
    if (!Array.isArray(body) || !body.every((pair) => isRecord(pair) && typeof pair.key === 'string')) {
      throw httpError(400, 'Expected a JSON array of {"key", "value"} pairs')
    }
    for (const { key, value } of body as { key: string; value: unknown }[]) this.values[key] = value
    fs.writeFileSync(this.file, JSON.stringify(this.values))
    return body
  }
}
