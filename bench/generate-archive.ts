/**
 * A synthetic newsroom archive for load tests: sections, authors, tags, image assets, trade series
 * with monthly observations, and articles whose bodies cite those series through trade facts, in
 * the shape of the schema and the seed. Every title and name says "Synthetic"; nothing in it is news.
 *
 * Deterministic: the same options give the same documents, in the same order (reference documents
 * first, then articles oldest to newest, as a newsroom would have created them).
 *
 *   tsx bench/generate-archive.ts --articles 20000 [--drafts 50] [--seed 1] [--newest ISO] OUT_DIR
 *
 * writes OUT_DIR/data.ndjson, which `importDataset` (and `sanity dataset import`) can load.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { LakeDocument } from '../sanity/lake/storage/store'

export type ArchiveOptions = {
  articles: number
  /** Draft documents to add: edits of published articles (some moving them in time or section) and new, unpublished stories. */
  drafts?: number
  seed?: number
  /** Publication time of the newest article; articles go back from it at about twenty a day. */
  newest?: string
  /** Monthly observations per series. */
  observationsPerSeries?: number
}

export type ArchiveFacts = {
  sectionIds: string[]
  authorIds: string[]
  seriesIds: string[]
}

const DEFAULT_NEWEST = '2026-11-01T12:00:00.000Z'
const MINUTES_BETWEEN_ARTICLES = 72
const SECTION_NAMES = [
  'Economy',
  'Trade',
  'North Korea',
  'China',
  'Markets',
  'Energy',
  'Shipping',
  'Agriculture',
  'Politics',
  'Data Desk',
  'Opinion',
  'World',
]
const TAGS = 40
const IMAGES = 24
const COUNTRIES = [
  { m49: 156, iso3: 'CHN', name: 'China' },
  { m49: 408, iso3: 'PRK', name: 'North Korea' },
  { m49: 410, iso3: 'KOR', name: 'South Korea' },
  { m49: 392, iso3: 'JPN', name: 'Japan' },
  { m49: 643, iso3: 'RUS', name: 'Russia' },
  { m49: 842, iso3: 'USA', name: 'United States' },
  { m49: 704, iso3: 'VNM', name: 'Viet Nam' },
  { m49: 276, iso3: 'DEU', name: 'Germany' },
]
const WORDS =
  'trade exports imports customs border shipments figures month year rose fell sharply data release revised provisional goods rail port freight coal rice fertiliser machinery textiles demand supply prices volume partner quarter analysts expected'.split(
    ' ',
  )

/** mulberry32: a small, fast, seedable generator, so the archive (or a randomized test's run) is the same on every machine. */
export function random(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
    chance: (p: number) => next() < p,
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0')
const ref = (id: string) => ({ _type: 'reference', _ref: id })
const slug = (current: string) => ({ _type: 'slug', current })

export const sectionId = (i: number) => `section.synthetic-${pad(i, 2)}`
export const authorId = (i: number) => `author.synthetic-${pad(i, 5)}`
export const seriesId = (i: number) => `tradeSeries.synthetic-${pad(i, 5)}`
export const articleId = (i: number) => `article.synthetic-${pad(i, 6)}`
export const articleSlug = (i: number) => `synthetic-article-${pad(i, 6)}`
export const sectionSlug = (i: number) => `synthetic-section-${pad(i, 2)}`
export const authorSlug = (i: number) => `synthetic-author-${pad(i, 5)}`
export const seriesSlug = (i: number) => `synthetic-series-${pad(i, 5)}`

/** How many of each kind of document an archive of `articles` stories holds. */
export function archiveShape(articles: number) {
  return {
    sections: SECTION_NAMES.length,
    authors: Math.max(5, Math.round(articles / 100)),
    series: Math.max(4, Math.round(articles / 20)),
    tags: TAGS,
    images: IMAGES,
  }
}

export function generateArchive(options: ArchiveOptions): LakeDocument[] {
  const { articles, drafts = 0, seed = 1, newest = DEFAULT_NEWEST, observationsPerSeries = 24 } = options
  const rnd = random(seed)
  const shape = archiveShape(articles)
  const docs: LakeDocument[] = []

  SECTION_NAMES.forEach((name, i) => {
    docs.push({
      _id: sectionId(i),
      _type: 'section',
      title: `Synthetic section ${pad(i, 2)}: ${name}`,
      slug: slug(sectionSlug(i)),
      description: `A synthetic section for load tests, standing in for ${name.toLowerCase()} news.`,
    })
  })
  const imageIds = Array.from({ length: shape.images }, (_, i) => {
    const hash = (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0').repeat(3).slice(0, 40)
    return `image-${hash}-1200x800-jpg`
  })
  imageIds.forEach((id, i) => {
    docs.push({
      _id: id,
      _type: 'sanity.imageAsset',
      originalFilename: `synthetic-${pad(i, 2)}.jpg`,
      extension: 'jpg',
      mimeType: 'image/jpeg',
      url: `https://images.invalid/synthetic/${id}.jpg`,
      metadata: {
        _type: 'sanity.imageMetadata',
        dimensions: { _type: 'sanity.imageDimensions', width: 1200, height: 800, aspectRatio: 1.5 },
        lqip: 'data:image/jpeg;base64,/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/wAALCAAIAAwBAREA/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAA/AKp//9k=',
      },
    })
  })
  const photo = (i: number, what: string) => ({
    _type: 'photo',
    asset: ref(imageIds[i % imageIds.length] as string),
    alt: `Synthetic image ${i}: an abstract pattern standing in for ${what}`,
    caption: `Synthetic caption ${i}`,
    credit: 'Synthetic image',
  })
  for (let i = 0; i < shape.authors; i++) {
    docs.push({
      _id: authorId(i),
      _type: 'author',
      name: `Synthetic author ${pad(i, 5)}`,
      slug: slug(authorSlug(i)),
      email: `synthetic-author-${pad(i, 5)}@example.invalid`,
      bio: 'A synthetic author generated for load tests. Not a real person.',
      ...(i % 3 === 0 ? { photo: photo(i, 'a portrait') } : {}),
    })
  }
  for (let i = 0; i < TAGS; i++) {
    docs.push({
      _id: `tag.synthetic-${pad(i, 2)}`,
      _type: 'tag',
      title: `Synthetic tag ${pad(i, 2)}`,
      slug: slug(`synthetic-tag-${pad(i, 2)}`),
    })
  }

  const lastMonth = new Date(newest)
  const periods = Array.from({ length: observationsPerSeries }, (_, k) => {
    const d = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() - 1 - k, 1))
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}`
  }).reverse()
  for (let i = 0; i < shape.series; i++) {
    const reporter = COUNTRIES[i % COUNTRIES.length] as (typeof COUNTRIES)[number]
    const partner = COUNTRIES[(i + 1 + Math.floor(i / COUNTRIES.length)) % COUNTRIES.length] as (typeof COUNTRIES)[number]
    const flowCode = i % 2 === 0 ? 'X' : 'M'
    const base = 1_000 + rnd.int(50_000_000)
    docs.push({
      _id: seriesId(i),
      _type: 'tradeSeries',
      title: `Synthetic series ${pad(i, 5)}: ${reporter.name} ${flowCode === 'X' ? 'exports to' : 'imports from'} ${partner.name}`,
      slug: slug(seriesSlug(i)),
      reporter: { _type: 'country', ...reporter },
      partner: { _type: 'country', ...partner },
      flowCode,
      cmdCode: 'TOTAL',
      freqCode: 'M',
      currency: 'USD',
      source: {
        agency: `Synthetic customs agency of ${reporter.name}`,
        dataset: 'Synthetic monthly trade statistics',
        url: 'https://example.invalid/synthetic',
        wording: 'synthetic customs data',
        retrievedAt: newest,
      },
      note: 'Synthetic figures generated for load tests; they describe no real trade.',
      observations: periods.map((period, k) => {
        const releasedAt = `${period}-28T02:00:00.000Z`
        const primaryValue = Math.round(base * (0.5 + rnd.next()))
        const revised = k % 7 === 3
        return {
          _type: 'tradeObservation',
          _key: period,
          period,
          primaryValue,
          status: revised ? 'revised' : k < periods.length - 3 ? 'final' : 'provisional',
          releasedAt,
          ...(revised
            ? {
                history: [
                  {
                    _type: 'observationRelease',
                    _key: `${period}-first`,
                    primaryValue: Math.round(primaryValue * 0.97),
                    status: 'provisional',
                    releasedAt: `${period}-20T02:00:00.000Z`,
                  },
                ],
              }
            : {}),
        }
      }),
    })
  }

  const newestMs = Date.parse(newest)
  let key = 0
  const nextKey = () => `k${(key++).toString(36)}`
  const sentence = (words: number) => {
    const text = Array.from({ length: words }, () => rnd.pick(WORDS)).join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }
  const span = (text: string) => ({ _type: 'span', _key: nextKey(), text, marks: [] })
  const article = (i: number, publishedAt: string | undefined): LakeDocument => {
    const section = i % 17 === 0 ? 9 : (i * 7 + rnd.int(3)) % SECTION_NAMES.length
    const cited = [rnd.int(shape.series), rnd.int(shape.series)]
    const period = () => rnd.pick(periods)
    const fact = (seriesIndex: number) => ({
      _type: 'tradeFact',
      _key: nextKey(),
      series: ref(seriesId(seriesIndex)),
      period: period(),
      show: 'value',
      fallbackText: `$${(1 + rnd.int(90)).toString()}.${rnd.int(10)} million`,
    })
    const paragraph = (...children: Record<string, unknown>[]) => ({
      _type: 'block',
      _key: nextKey(),
      style: 'normal',
      markDefs: [],
      children,
    })
    const authors = [authorId(rnd.int(shape.authors)), ...(i % 4 === 0 ? [authorId(rnd.int(shape.authors))] : [])]
    const body: Record<string, unknown>[] = [
      paragraph(span(sentence(24))),
      paragraph(span(`Synthetic figures: ${sentence(8)} `), fact(cited[0] as number), span(` ${sentence(10)}`)),
      paragraph(span(sentence(30))),
      paragraph(span(`${sentence(6)} `), fact(cited[1] as number), span(', against '), fact(cited[0] as number), span(` ${sentence(6)}`)),
      { _type: 'block', _key: nextKey(), style: 'h2', markDefs: [], children: [span(`Synthetic heading ${i}`)] },
      paragraph(span(sentence(20))),
    ]
    if (i % 5 === 0)
      body.push({ _type: 'dataChart', _key: nextKey(), series: ref(seriesId(cited[0] as number)), caption: `Synthetic chart ${i}` })
    if (i % 9 === 0) body.splice(3, 0, { _key: nextKey(), ...photo(i + 1, 'a news photo') })
    return {
      _id: articleId(i),
      _type: 'article',
      headline: `Synthetic article ${i}: ${sentence(6).slice(0, -1)}`,
      ...(i === 5 || i === 211 ? {} : { slug: slug(articleSlug(i)) }),
      section: ref(sectionId(section)),
      standfirst: `Synthetic standfirst. ${sentence(18)}`,
      authors: [...new Set(authors)].map((author, n) => ({
        _type: 'byline',
        _key: nextKey(),
        author: ref(author),
        ...(n > 0 ? { role: 'Additional reporting' } : {}),
      })),
      ...(publishedAt ? { publishedAt } : {}),
      ...(i % 13 === 0 && publishedAt ? { updatedAt: new Date(Date.parse(publishedAt) + 3_600_000).toISOString() } : {}),
      // One story in 40 corrected or clarified two hours after publication (keys fixed, so the rest of the archive is as before).
      ...(i % 40 === 3 && publishedAt
        ? {
            corrections: [
              {
                _type: 'correction',
                _key: `correction-${i}`,
                kind: i % 80 === 3 ? 'clarification' : 'correction',
                text: `Synthetic correction of article ${i}.`,
                date: new Date(Date.parse(publishedAt) + 7_200_000).toISOString(),
              },
            ],
          }
        : {}),
      ...(i % 6 === 0 ? {} : { mainImage: photo(i, 'a news photo') }),
      tags: [`tag.synthetic-${pad(i % TAGS, 2)}`, `tag.synthetic-${pad((i * 3 + 1) % TAGS, 2)}`].map((id) => ({
        ...ref(id),
        _key: nextKey(),
      })),
      body,
    }
  }

  // Oldest first: article 0 is the oldest. Some share a publication time with the one before (ties
  // must order as GROQ orders them); two have no web address and two no publication time, as
  // legacy imports might.
  const times: (string | undefined)[] = []
  for (let i = 0; i < articles; i++) {
    const age = articles - 1 - i
    const jitter = rnd.int(40) - 20
    const minutes = age * MINUTES_BETWEEN_ARTICLES + jitter
    const previous = times[i - 1]
    times.push(i === 7 || i === 389 ? undefined : i % 50 === 1 && previous ? previous : new Date(newestMs - minutes * 60_000).toISOString())
  }
  const articleDocs = times.map((publishedAt, i) => article(i, publishedAt))
  docs.push(...articleDocs)

  for (let d = 0; d < drafts; d++) {
    const i = Math.floor(((d + 0.5) * articles) / Math.max(drafts, 1))
    const published = articleDocs[i]
    if (d % 4 === 3 || !published) {
      // A new story, not yet published: only the draft exists.
      const fresh = article(articles + d, new Date(newestMs + (d + 1) * 60_000).toISOString())
      docs.push({ ...fresh, _id: `drafts.${fresh._id}` })
      continue
    }
    const edit: LakeDocument = {
      ...published,
      _id: `drafts.${published._id}`,
      headline: `${published.headline as string} (synthetic edit)`,
    }
    if (d % 4 === 1) edit.publishedAt = new Date(newestMs - d * 3_600_000).toISOString()
    if (d % 4 === 2) edit.section = ref(sectionId((d * 5) % SECTION_NAMES.length))
    docs.push(edit)
  }
  return docs
}

/** Ids of the documents the app's queries take as parameters, for picking realistic ones. */
export function archiveFacts(articles: number): ArchiveFacts {
  const shape = archiveShape(articles)
  return {
    sectionIds: Array.from({ length: shape.sections }, (_, i) => sectionId(i)),
    authorIds: Array.from({ length: shape.authors }, (_, i) => authorId(i)),
    seriesIds: Array.from({ length: shape.series }, (_, i) => seriesId(i)),
  }
}

function parseArgs(argv: string[]) {
  const options: ArchiveOptions = { articles: 1_000 }
  let out: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${arg} needs a value`)
      return next
    }
    if (arg === '--articles') options.articles = Number(value())
    else if (arg === '--drafts') options.drafts = Number(value())
    else if (arg === '--seed') options.seed = Number(value())
    else if (arg === '--newest') options.newest = new Date(value()).toISOString()
    else if (arg === '--observations') options.observationsPerSeries = Number(value())
    else if (!arg.startsWith('--')) out = arg
    else throw new Error(`Unknown option ${arg}`)
  }
  if (!out || !Number.isInteger(options.articles) || options.articles < 1) {
    throw new Error('Usage: tsx bench/generate-archive.ts --articles N [--drafts N] [--seed N] [--newest ISO] [--observations N] OUT_DIR')
  }
  return { options, out }
}

if (import.meta.main) {
  const { options, out } = parseArgs(process.argv.slice(2))
  const docs = generateArchive(options)
  fs.mkdirSync(out, { recursive: true })
  const file = path.join(out, 'data.ndjson')
  const stream = fs.createWriteStream(file)
  for (const doc of docs) stream.write(`${JSON.stringify(doc)}\n`)
  stream.end(() => console.log(`Wrote ${docs.length} synthetic documents (${options.articles} articles) to ${file}`))
}
