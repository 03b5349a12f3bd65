import {
  type CustomValidatorResult,
  defineArrayMember,
  defineField,
  defineType,
  getPublishedId,
  type SanityDocument,
  type ValidationContext,
} from 'sanity'
import { API_VERSION } from '../../lib/content/config'
import { SERIES_IDENTITY_QUERY } from '../../lib/content/queries'
import type { TradeSeries } from '../../lib/content/sanity.types'
import { formatDay } from '../../lib/figures/dateline'
import { formatUsd } from '../../lib/figures/money'
import { formatPeriod } from '../../lib/figures/period'
import { codeChoices, flowOf, TRADE_FLOWS, TRADE_FREQUENCIES } from '../../lib/figures/tradeCodes'
import { CitingStoriesNotice } from '../components/CitingStoriesNotice'

/**
 * Error: once a series holds published figures, it keeps its reporter, flow and currency. Changing
 * them would silently relabel every figure already cited in stories, and the importer matches
 * series by them.
 */
async function keepsIdentity(document: SanityDocument | undefined, context: ValidationContext): Promise<CustomValidatorResult> {
  const series = document as Partial<TradeSeries> | undefined
  if (!series?._id) return true
  const client = context.getClient({ apiVersion: API_VERSION })
  const published = await client.fetch(SERIES_IDENTITY_QUERY, { id: getPublishedId(series._id) }, { perspective: 'published' })
  if (!published?.figures) return true
  const changed = [
    published.reporter?.m49 !== series.reporter?.m49 && {
      path: ['reporter'],
      message: `This series holds figures reported by ${published.reporter?.name}. A series keeps one reporter: create a new series for ${series.reporter?.name ?? 'another reporter'}.`,
    },
    published.flowCode !== series.flowCode && {
      path: ['flowCode'],
      message: `This series holds ${flowOf(published.flowCode)?.plural ?? 'figures'}. A series keeps one flow: create a new series for ${flowOf(series.flowCode)?.plural ?? 'the other flow'}.`,
    },
    published.currency !== series.currency && {
      path: ['currency'],
      message: `This series holds figures in ${published.currency}. A series keeps one currency.`,
    },
  ].filter((c) => c !== false)
  return changed.length > 0 ? changed : true
}

/** Error: one value per period, or the page could not tell which figure a story cites. */
function onePerPeriod(observations: Array<{ period?: string }> | undefined): CustomValidatorResult {
  const periods = (observations ?? []).flatMap((o) => o.period ?? [])
  const repeated = [...new Set(periods.filter((p, i) => periods.indexOf(p) !== i))]
  return (
    repeated.length === 0 || `Each period appears once; ${repeated.join(', ')} appear${repeated.length === 1 ? 's' : ''} more than once.`
  )
}

/**
 * A UN Comtrade-compatible series: one reporter, partner, flow and commodity, in USD. "North
 * Korea's imports from China" is China's reported exports to North Korea (mirror statistics), so
 * the series carries both the subject wording and the source wording.
 */
export const tradeSeriesType = defineType({
  name: 'tradeSeries',
  title: 'Trade series',
  type: 'document',
  fields: [
    defineField({
      name: 'title',
      title: 'Subject wording',
      type: 'string',
      description: "e.g. North Korea's imports from China",
      validation: (r) => r.required(),
    }),
    defineField({ name: 'slug', type: 'slug', options: { source: 'title' }, validation: (r) => r.required() }),
    defineField({ name: 'reporter', type: 'country', validation: (r) => r.required() }),
    defineField({ name: 'partner', type: 'country', validation: (r) => r.required() }),
    defineField({
      name: 'flowCode',
      title: 'Flow',
      type: 'string',
      options: { list: codeChoices(TRADE_FLOWS) },
      validation: (r) => r.required(),
    }),
    defineField({ name: 'cmdCode', title: 'Commodity code', type: 'string', initialValue: 'TOTAL', validation: (r) => r.required() }),
    defineField({
      name: 'freqCode',
      title: 'Frequency',
      type: 'string',
      options: { list: codeChoices(TRADE_FREQUENCIES) },
      validation: (r) => r.required(),
    }),
    defineField({
      name: 'currency',
      type: 'string',
      initialValue: 'USD',
      readOnly: true,
      validation: (r) => r.custom((currency) => currency === 'USD' || 'Factline series are in US dollars: the currency must be USD.'),
    }),
    defineField({
      name: 'source',
      type: 'object',
      validation: (r) => r.required(),
      fields: [
        defineField({ name: 'agency', type: 'string', validation: (r) => r.required() }),
        defineField({ name: 'dataset', type: 'string' }),
        defineField({ name: 'url', title: 'URL', type: 'url' }),
        defineField({ name: 'wording', type: 'string', description: 'How the prose names the source, e.g. Chinese customs data.' }),
        defineField({ name: 'retrievedAt', title: 'Retrieved at', type: 'datetime' }),
      ],
    }),
    defineField({ name: 'note', type: 'text', rows: 3, description: 'What a reader should know about these figures.' }),
    defineField({
      name: 'observations',
      type: 'array',
      of: [defineArrayMember({ type: 'tradeObservation' })],
      validation: (r) => r.custom(onePerPeriod),
      components: { input: CitingStoriesNotice },
    }),
  ],
  validation: (r) => r.custom(keepsIdentity),
  preview: {
    select: { title: 'title', reporter: 'reporter.iso3', partner: 'partner.iso3', flow: 'flowCode', observations: 'observations' },
    prepare: prepareSeriesPreview,
  },
})

type SeriesPreviewValues = {
  title?: string
  reporter?: string
  partner?: string
  flow?: string
  observations?: Array<{ period?: string; primaryValue?: number; releasedAt?: string }>
}

/** "March 2021: $12.98 million · last release April 18, 2021", with who reports what to whom. */
export function prepareSeriesPreview({ title, reporter, partner, flow, observations = [] }: SeriesPreviewValues) {
  const latest = observations
    .filter((o) => o.period && typeof o.primaryValue === 'number')
    .reduce<(typeof observations)[number] | undefined>((a, o) => (!a || (o.period ?? '') > (a.period ?? '') ? o : a), undefined)
  const lastRelease = observations.reduce<string | undefined>(
    (a, o) => (o.releasedAt && (!a || o.releasedAt > a) ? o.releasedAt : a),
    undefined,
  )
  return {
    title: title || 'Untitled series',
    subtitle: latest
      ? `${formatPeriod(latest.period ?? '')}: ${formatUsd(latest.primaryValue ?? 0)}${lastRelease ? ` · last release ${formatDay(lastRelease)}` : ''}`
      : 'No figures yet',
    description: `${reporter ?? '?'} → ${partner ?? '?'} · ${flowOf(flow)?.plural ?? 'flow not set'}`,
  }
}
