import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { EmbedCard, embedStyles } from '@/components/EmbedCard'
import { loadSeries } from '@/lib/content/fetch'
import { formatDay } from '@/lib/figures/dateline'
import { formatUsd } from '@/lib/figures/money'
import { releasesOf } from '@/lib/figures/observation'
import { observationCells } from '@/lib/figures/observationCells'
import { isPeriod } from '@/lib/figures/period'
import { decodeRouteParam } from '@/lib/routes/routeParam'
import { siteUrlFromEnv } from '@/lib/site/identity'
import { absoluteUrl, seriesPath } from '@/lib/site/paths'

export { generateStaticParams } from '@/lib/http/onDemandPages'

type Props = { params: Promise<{ series: string; period: string }> }

export const metadata: Metadata = { robots: { index: false } }

/** One figure for a partner's iframe: the value, its period, status and release, any revision, source, link back. */
export default async function FigureEmbed({ params }: Props) {
  const { series: slug, period: periodParam } = await params
  const period = decodeRouteParam(periodParam)
  if (!isPeriod(period)) notFound()
  const series = await loadSeries(slug)
  const observation = series?.observations?.find((o) => o.period === period)
  if (!series?.slug || !observation) notFound()
  const [periodLabel, value, status, released] = observationCells(observation)
  const releases = releasesOf(observation)
  const first = releases.length > 1 ? releases[0] : undefined
  return (
    <EmbedCard
      kind="figure"
      title={`${series.title}, ${periodLabel}`}
      source={series.source?.agency ?? 'not named'}
      href={absoluteUrl(seriesPath(series.slug, period), siteUrlFromEnv())}
      linkText="The data and its releases"
    >
      <p className={embedStyles.value}>{value}</p>
      <p className={embedStyles.status}>
        {status}, released {released}
        {first && (
          <>
            ; first released as {formatUsd(first.primaryValue)} on {formatDay(first.releasedAt)}
          </>
        )}
        .
      </p>
    </EmbedCard>
  )
}
