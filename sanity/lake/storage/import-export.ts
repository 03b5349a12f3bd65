import fs from 'node:fs'
import path from 'node:path'
import { isRecord } from '../core/json'
import { type ImageConfig, imageFileName, storeImage } from '../images/store'
import type { TransactionRunner } from '../writes/mutations'
import type { LakeDocument } from './store'

/**
 * Sanity's dataset export format: a folder with `data.ndjson`, one document a line, where each image
 * carries `"_sanityAsset": "image@file://./images/<file>"` in place of its asset reference, and the
 * image files under `images/`. Asset documents themselves are left out; importing recreates them.
 */
const DATA_FILE = 'data.ndjson'
const IMAGES_DIR = 'images'
const ASSET_TYPES = new Set(['sanity.imageAsset', 'sanity.fileAsset'])

/** Uploads the export's images, then writes all its documents in one transaction. */
export async function importDataset(
  dir: string,
  deps: { runner: TransactionRunner; images: ImageConfig },
): Promise<{ documents: number; assets: number }> {
  const dataFile = path.join(dir, DATA_FILE)
  const documents = fs
    .readFileSync(dataFile, 'utf8')
    .split('\n')
    .flatMap((line, index) => (line.trim() === '' ? [] : [parseLine(line, `${dataFile}:${index + 1}`)]))
  const assets = new Map<string, LakeDocument>()
  const uploadAsset = async (reference: string): Promise<string> => {
    const file = assetFile(dir, reference)
    let asset = assets.get(file)
    if (!asset) {
      asset = await storeImage(fs.readFileSync(file), { filename: path.basename(file) }, deps.images)
      assets.set(file, asset)
    }
    return asset._id
  }
  const resolved: unknown[] = []
  for (const doc of documents) resolved.push(await withAssetReferences(doc, uploadAsset))
  const mutations = [
    // Asset documents first, so the references in the documents after them point at something.
    ...[...assets.values()].map((asset) => ({ createIfNotExists: asset })),
    ...resolved.map((doc) => ({ createOrReplace: doc })),
  ]
  if (mutations.length > 0) await deps.runner.run(mutations)
  return { documents: documents.length, assets: assets.size }
}

function parseLine(line: string, where: string): unknown {
  try {
    return JSON.parse(line)
  } catch (err) {
    throw new Error(`${where}: not valid JSON (${(err as Error).message})`)
  }
}

/** The file an `image@file://./images/x.jpg` reference names, which must lie inside the export. */
function assetFile(dir: string, reference: string): string {
  const match = /^image@file:\/\/(.+)$/.exec(reference)
  if (!match?.[1]) throw new Error(`Unsupported asset "${reference}": only image@file:// references can be imported`)
  const file = path.resolve(dir, match[1])
  const relative = path.relative(path.resolve(dir), file)
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new Error(`Asset "${reference}" lies outside ${dir}`)
  return file
}

async function withAssetReferences(value: unknown, upload: (reference: string) => Promise<string>): Promise<unknown> {
  if (Array.isArray(value)) {
    const items: unknown[] = []
    for (const item of value) items.push(await withAssetReferences(item, upload))
    return items
  }
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    if (key === '_sanityAsset' && typeof child === 'string') out.asset = { _type: 'reference', _ref: await upload(child) }
    else out[key] = await withAssetReferences(child, upload)
  }
  return out
}

/** Writes the documents (asset documents aside) and the image files they use to `outDir`. */
export function exportDataset(documents: Iterable<LakeDocument>, assetsDir: string, outDir: string): { documents: number; assets: number } {
  fs.mkdirSync(path.join(outDir, IMAGES_DIR), { recursive: true })
  const copied = new Set<string>()
  const exportAsset = (reference: string): string | undefined => {
    const fileName = imageFileName(reference)
    if (!fileName || !fs.existsSync(path.join(assetsDir, fileName))) return undefined
    if (!copied.has(fileName)) {
      fs.copyFileSync(path.join(assetsDir, fileName), path.join(outDir, IMAGES_DIR, fileName))
      copied.add(fileName)
    }
    return `image@file://./${IMAGES_DIR}/${fileName}`
  }
  const lines: string[] = []
  for (const doc of documents) {
    if (!ASSET_TYPES.has(doc._type)) lines.push(JSON.stringify(withAssetFiles(doc, exportAsset)))
  }
  fs.writeFileSync(path.join(outDir, DATA_FILE), lines.map((line) => `${line}\n`).join(''))
  return { documents: lines.length, assets: copied.size }
}

function withAssetFiles(value: unknown, exportAsset: (reference: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => withAssetFiles(item, exportAsset))
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    const file = key === 'asset' && isRecord(child) && typeof child._ref === 'string' ? exportAsset(child._ref) : undefined
    if (file) out._sanityAsset = file
    else out[key] = withAssetFiles(child, exportAsset)
  }
  return out
}
