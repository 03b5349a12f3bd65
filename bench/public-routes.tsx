/**
 * What crafted requests to the public routes cost, before and after their limits.
 *
 * Images: each crafted URL is sent straight to the embedded lake's image endpoint, which is what
 * `/media/images` passed on before; now the site decides from the URL alone
 * (lib/content/imageTransforms.ts) and refuses it, so its cost there is that decision. The site's
 * own largest AVIF is timed at libaom's default effort and at the lake's effort. Social card: a
 * 5,000-character headline through next/og (Geist, no limit), as before, and through the card's
 * renderer now (local fonts, cut to what fits). Prints wall time and the process's CPU time
 * (sharp's threads included); one run per case, as the slow cases take seconds each.
 */
import { ImageResponse } from 'next/og'
import sharp from 'sharp'
import { SocialCard } from '@/components/SocialCard'
import { canonicalImageRequest } from '@/lib/content/imageTransforms'
import { renderSocialCard } from '@/lib/social/renderSocialCard'
import { startTestLake } from '../tests/harness/lake'

type Cost = { wallMs: number; cpuMs: number }

async function cost(run: () => Promise<unknown> | unknown): Promise<Cost> {
  const cpu = process.cpuUsage()
  const start = performance.now()
  await run()
  const used = process.cpuUsage(cpu)
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 }
}

const figure = (c: Cost) => `${c.wallMs.toFixed(1).padStart(9)} ms wall ${c.cpuMs.toFixed(1).padStart(9)} ms CPU`

const CRAFTED = [
  ['4000 px wide, AVIF at quality 100', 'w=4000&fm=avif&q=100'],
  ['4000 x 4000 filled, blurred, AVIF at quality 100', 'w=4000&h=4000&fit=fill&blur=2000&fm=avif&q=100'],
  ['the site width one pixel off, AVIF (a cache miss per pixel)', 'w=1279&q=80&auto=format'],
  ['the site quality one off (a cache miss per step)', 'w=1280&q=79&auto=format'],
] as const

const test = await startTestLake()
try {
  const asset: { path: string } = await test.client.fetch('*[_type == "sanity.imageAsset"] | order(size desc)[0]{ path }')
  const fileName = asset.path.split('/').pop() ?? ''
  const lakeImage = (search: string) =>
    fetch(`${test.lake.url}/${asset.path}?${search}`, { headers: { accept: 'image/avif,image/webp,*/*' } }).then((r) => r.arrayBuffer())
  console.log(`Crafted image URLs, for ${fileName}:`)
  for (const [name, search] of CRAFTED) {
    const before = await cost(() => lakeImage(search))
    const after = await cost(() => canonicalImageRequest(fileName, `?${search}`))
    const decision = canonicalImageRequest(fileName, `?${search}`)
    console.log(
      `  ${name}\n    before (rendered by the lake)   ${figure(before)}\n    now (${decision.kind.padEnd(8)} by the site) ${figure(after)}`,
    )
  }
  const source = await lakeImage('')
  const canonical = await cost(() => lakeImage('w=1280&q=80&auto=format'))
  console.log(`  the site's own 1280 px AVIF, first request (a render)  ${figure(canonical)}`)
  for (const effort of [4, 2]) {
    const c = await cost(() => sharp(Buffer.from(source)).resize(1280).avif({ quality: 80, effort }).toBuffer())
    console.log(`  the same encode at AVIF effort ${effort}${effort === 2 ? ' (the lake now)' : ' (default)    '}      ${figure(c)}`)
  }
} finally {
  await test.stop()
}

const headline = `Test content: imports from China spike ${'and then some more words '.repeat(200)}`.slice(0, 5000)
console.log('Social card, 5,000-character headline:')
const before = await cost(async () =>
  new ImageResponse(<SocialCard headline={headline} section="Economy" />, { width: 1200, height: 630 }).arrayBuffer(),
)
console.log(`  before (next/og, whole headline)       ${figure(before)}`)
await renderSocialCard({ headline: 'warm-up', section: 'Economy' })
const after = await cost(() => renderSocialCard({ headline, section: 'Economy' }))
console.log(`  now (local fonts, cut to what fits)    ${figure(after)}`)
console.log(`  ratio ${(before.wallMs / after.wallMs).toFixed(0)}x wall, ${(before.cpuMs / after.cpuMs).toFixed(0)}x CPU`)
