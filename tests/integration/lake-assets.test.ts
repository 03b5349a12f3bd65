import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { ClientError, type SanityImageAssetDocument } from '@sanity/client'
import { createImageUrlBuilder } from '@sanity/image-url'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type RunningLake, startLake } from '../../sanity/lake/lake'
import { lakeClient } from '../harness/lake'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const tmpDirs: string[] = []

function tmpDir(prefix: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  tmpDirs.push(dir)
  return dir
}

function clientFor(lake: RunningLake, access: 'token' | 'anonymous' = 'token') {
  return lakeClient(lake.url, access === 'token' ? lake.token : undefined)
}

function solidPng(width: number, height: number, alpha: number) {
  return sharp({ create: { width, height, channels: 4, background: { r: 200, g: 40, b: 30, alpha } } })
    .png()
    .toBuffer()
}

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true })
})

describe('image assets', () => {
  let lake: RunningLake
  let asset: SanityImageAssetDocument
  let png: Buffer

  beforeAll(async () => {
    lake = await startLake({ port: 0, dataDir: tmpDir('lake-images-') })
    png = await solidPng(400, 300, 0.8)
    asset = await clientFor(lake).assets.upload('image', png, { filename: 'red.png' })
  })

  afterAll(() => lake.close())

  const builder = () => createImageUrlBuilder({ projectId: 'local', dataset: 'production', baseUrl: lake.url })

  test('an upload becomes an image asset document shaped like Sanity’s', () => {
    const sha1 = asset.assetId
    expect(asset._id).toBe(`image-${sha1}-400x300-png`)
    expect(asset).toMatchObject({
      _type: 'sanity.imageAsset',
      sha1hash: sha1,
      extension: 'png',
      mimeType: 'image/png',
      size: png.length,
      originalFilename: 'red.png',
      path: `images/local/production/${sha1}-400x300.png`,
      url: `${lake.url}/images/local/production/${sha1}-400x300.png`,
      metadata: {
        _type: 'sanity.imageMetadata',
        dimensions: { _type: 'sanity.imageDimensions', width: 400, height: 300, aspectRatio: 400 / 300 },
        hasAlpha: true,
        isOpaque: false,
      },
    })
    expect(asset.metadata.lqip).toMatch(/^data:image\/jpeg;base64,/)
  })

  test('uploading the same bytes again returns the same asset', async () => {
    const again = await clientFor(lake).assets.upload('image', png, { filename: 'copy.png' })
    expect(again._id).toBe(asset._id)
    expect(again._rev).toBe(asset._rev)
  })

  test('serves a resized WebP at the URL @sanity/image-url builds', async () => {
    const url = builder().image(asset).width(100).format('webp').url()
    const response = await fetch(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/webp')
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const image = await sharp(Buffer.from(await response.arrayBuffer())).metadata()
    expect(image).toMatchObject({ format: 'webp', width: 100, height: 75 })
  })

  test('applies an editor’s crop, and a fixed size, as the builder asks', async () => {
    const cropped = { asset: { _ref: asset._id }, crop: { top: 0, left: 0, bottom: 0.5, right: 0.5 } }
    const byWidth = builder().image(cropped).width(100).url()
    expect(byWidth).toContain('rect=0,0,200,150')
    expect(await sharp(Buffer.from(await (await fetch(byWidth)).arrayBuffer())).metadata()).toMatchObject({ width: 100, height: 75 })
    const square = builder().image(cropped).width(80).height(80).url()
    expect(await sharp(Buffer.from(await (await fetch(square)).arrayBuffer())).metadata()).toMatchObject({
      format: 'png',
      width: 80,
      height: 80,
    })
  })

  test('fit=crop fills the requested box and fit=max never enlarges', async () => {
    const crop = await fetch(`${builder().image(asset).url()}?w=90&h=30&fit=crop&crop=top`)
    expect(await sharp(Buffer.from(await crop.arrayBuffer())).metadata()).toMatchObject({ width: 90, height: 30 })
    const max = await fetch(`${builder().image(asset).url()}?w=1000&fit=max`)
    expect(await sharp(Buffer.from(await max.arrayBuffer())).metadata()).toMatchObject({ width: 400, height: 300 })
  })

  test('auto=format picks the best format the browser accepts', async () => {
    const url = builder().image(asset).width(50).auto('format').url()
    const avif = await fetch(url, { headers: { Accept: 'image/avif,image/webp,*/*' } })
    expect(avif.headers.get('content-type')).toBe('image/avif')
    expect(avif.headers.get('vary')).toBe('Accept')
    const fallback = await fetch(url, { headers: { Accept: '*/*' } })
    expect(fallback.headers.get('content-type')).toBe('image/png')
  })

  test.each([
    ['w=abc', 400],
    ['w=99999', 400],
    ['fm=bmp', 400],
    ['fit=squash', 400],
    ['rect=0,0,0,10', 400],
  ])('refuses the bad parameter %s', async (query, status) => {
    const response = await fetch(`${builder().image(asset).url()}?${query}`)
    expect(response.status).toBe(status)
  })

  test('an image that is not there is a 404', async () => {
    const response = await fetch(`${lake.url}/images/local/production/${'0'.repeat(40)}-10x10.png`)
    expect(response.status).toBe(404)
  })

  test('refuses an upload that is not an image, and one without a token', async () => {
    const notImage = await clientFor(lake)
      .assets.upload('image', Buffer.from('plain text'))
      .catch((err: unknown) => err)
    expect(notImage).toBeInstanceOf(ClientError)
    expect((notImage as ClientError).statusCode).toBe(400)

    const anonymous = await clientFor(lake, 'anonymous')
      .assets.upload('image', png)
      .catch((err: unknown) => err)
    expect((anonymous as ClientError).statusCode).toBe(401)
  })
})

describe('import and export in Sanity’s dataset format', () => {
  let seedDir: string
  let photo: Buffer

  beforeAll(async () => {
    seedDir = tmpDir('lake-seed-')
    photo = await solidPng(64, 48, 1)
    fs.mkdirSync(path.join(seedDir, 'images'))
    fs.writeFileSync(path.join(seedDir, 'images', 'harbour.png'), photo)
    const documents = [
      {
        _id: 'photo-essay',
        _type: 'essay',
        title: 'The harbour at dawn',
        cover: { _type: 'image', alt: 'Cranes', _sanityAsset: 'image@file://./images/harbour.png' },
        gallery: [{ _type: 'image', _key: 'g1', _sanityAsset: 'image@file://./images/harbour.png' }],
      },
      { _id: 'drafts.photo-essay', _type: 'essay', title: 'The harbour at dawn (draft)' },
      { _id: 'essay-index', _type: 'index', essays: [{ _type: 'reference', _ref: 'photo-essay', _key: 'e1' }] },
    ]
    fs.writeFileSync(path.join(seedDir, 'data.ndjson'), documents.map((doc) => `${JSON.stringify(doc)}\n`).join(''))
  })

  test('a seed folder is imported into an empty data dir, and only then', async () => {
    const dataDir = tmpDir('lake-import-')
    const lake = await startLake({ port: 0, dataDir, seedDir })
    const client = clientFor(lake)
    const essay = await client.fetch(`*[_id == "photo-essay"][0]{
      title,
      "alt": cover.alt,
      "ref": cover.asset._ref,
      "leftover": cover._sanityAsset,
      "width": cover.asset->metadata.dimensions.width,
      "url": cover.asset->url,
      "galleryRef": gallery[0].asset._ref
    }`)
    expect(essay).toMatchObject({ title: 'The harbour at dawn', alt: 'Cranes', width: 64, leftover: null })
    expect(essay.ref).toMatch(/^image-[a-f0-9]{40}-64x48-png$/)
    expect(essay.galleryRef).toBe(essay.ref)
    expect(await client.fetch('*[_type == "index"][0].essays[0]->title')).toBe('The harbour at dawn')
    const served = await fetch(essay.url)
    expect(Buffer.from(await served.arrayBuffer())).toEqual(photo)

    await client.delete('essay-index')
    await lake.close()
    const restarted = await startLake({ port: 0, dataDir, seedDir })
    expect(await clientFor(restarted).getDocument('essay-index')).toBeUndefined()
    await restarted.close()
  })

  test('an export imports back into the same documents', async () => {
    const dataDir = tmpDir('lake-export-')
    const lake = await startLake({ port: 0, dataDir, seedDir })
    const original = await clientFor(lake).fetch('*[!(_type match "sanity.*")] | order(_id)', {}, { perspective: 'raw' })
    await lake.close()

    const outDir = path.join(tmpDir('lake-export-out-'), 'export')
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'sanity/lake/storage/export-cli.ts', outDir], {
      cwd: repoRoot,
      env: { ...process.env, LAKE_DATA_DIR: dataDir },
    })
    const exported = fs
      .readFileSync(path.join(outDir, 'data.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(exported.map((doc) => doc._id).sort()).toEqual(['drafts.photo-essay', 'essay-index', 'photo-essay'])
    const essay = exported.find((doc) => doc._id === 'photo-essay')
    expect(essay.cover.asset).toBeUndefined()
    expect(essay.cover._sanityAsset).toMatch(/^image@file:\/\/\.\/images\/[a-f0-9]{40}-64x48\.png$/)
    const imageFile = path.join(outDir, essay.cover._sanityAsset.replace('image@file://./', ''))
    expect(fs.readFileSync(imageFile)).toEqual(photo)

    const reimported = await startLake({ port: 0, dataDir: tmpDir('lake-reimport-'), seedDir: outDir })
    const roundTripped = await clientFor(reimported).fetch('*[!(_type match "sanity.*")] | order(_id)', {}, { perspective: 'raw' })
    await reimported.close()
    const withoutRevisions = (docs: Record<string, unknown>[]) => docs.map(({ _rev, _updatedAt, ...doc }) => doc)
    expect(withoutRevisions(roundTripped)).toEqual(withoutRevisions(original))
  })
})
