import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { CopyEmbedCodeButton } from '@/components/CopyEmbedCodeButton'
import { ObservationTable } from '@/components/ObservationTable'
import { SeriesChart } from '@/components/SeriesChart'
import { SiteLink } from '@/components/SiteLink'
import { loadSeries } from '@/lib/content/fetch'
import { chartEmbedCode } from '@/lib/feeds/embeds'
import { feedAlternates } from '@/lib/feeds/formats'
import { oembedAlternate } from '@/lib/feeds/oembed'
import { siteScope } from '@/lib/feeds/scopes'
import { chartPoints } from '@/lib/figures/chartData'
import { formatDay } from '@/lib/figures/dateline'
import { flowOf, frequencyWord } from '@/lib/figures/tradeCodes'
import { siteUrlFromEnv } from '@/lib/site/identity'
import { absoluteUrl, seriesDownloadPath, seriesPath, storyPath } from '@/lib/site/paths'
import { safeHref } from '@/lib/site/safeHref'

export { generateStaticParams } from '@/lib/http/onDemandPages'

type Props = { params: Promise<{ series: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const series = await loadSeries((await params).series)
  if (!series) return { title: 'Data series not found' }
  const title = `Data: ${series.title}`
  // The site's feeds as on every page, and oEmbed discovery for the chart.
  const url = absoluteUrl(seriesPath(series.slug), siteUrlFromEnv())
  return { title, alternates: { types: { ...feedAlternates(siteScope), ...oembedAlternate(url, title) } } }
}

export default async function SeriesPage({ params }: Props) {
  const series = await loadSeries((await params).series)
  if (!series) notFound()
  const observations = series.observations ?? []
  const cited = observations.some((o) => o.citation)
  const sourceHref = safeHref(series.source?.url)
  const latestRelease = observations
    .map((o) => o.releasedAt ?? '')
    .sort()
    .at(-1)
  return (
    <div className="data-page">
      <p className="kicker">Data</p>
      <h1>{series.title}</h1>
      <p className="standfirst">
        As reported by {series.reporter?.name}: its {flowOf(series.flowCode)?.toward ?? 'trade with'} {series.partner?.name} (
        {series.cmdCode === 'TOTAL' ? 'all goods' : series.cmdCode}, {frequencyWord(series.freqCode)}, {series.currency}).
      </p>
      {series.note && <p>{series.note}</p>}
      <figure className="data-chart">
        <SeriesChart id="series-chart" title={`${series.title}, ${series.currency}`} points={chartPoints(observations)} />
        <figcaption>
          Months without a reported value are marked, not drawn as zero. The table below gives every value and its source.
        </figcaption>
      </figure>
      {series.slug && series.title && (
        <CopyEmbedCodeButton code={chartEmbedCode({ slug: series.slug, title: series.title }, siteUrlFromEnv())} />
      )}
      <ObservationTable id="observations" observations={observations} caption={`${series.title}, by period`} withHistory />
      <p className="downloads">
        Download: <a href={seriesDownloadPath(series.slug, 'csv')}>CSV</a> · <a href={seriesDownloadPath(series.slug, 'json')}>JSON</a>{' '}
        (every release of every value)
      </p>
      <section aria-labelledby="source-heading">
        <h2 id="source-heading">Source</h2>
        <p>
          {series.source?.agency}
          {series.source?.dataset && `, ${series.source.dataset}`}
          {sourceHref && (
            <>
              {' '}
              (<a href={sourceHref}>{sourceHref}</a>)
            </>
          )}
          .{latestRelease && ` Latest release: ${formatDay(latestRelease)}.`}
          {series.source?.retrievedAt && ` Retrieved ${formatDay(series.source.retrievedAt)}.`}
        </p>
        {cited && (
          <p>
            {series.source?.wording ?? series.source?.agency}, as reported by the news outlets named beside each value, with a link to the
            report. Values an outlet gave as approximate read “about”.
          </p>
        )}
      </section>
      <section aria-labelledby="cited-heading">
        <h2 id="cited-heading">Stories citing this series</h2>
        {series.citedBy.length > 0 ? (
          <ul>
            {series.citedBy.map((a) => (
              <li key={a._id}>
                <SiteLink href={storyPath(a.slug)}>{a.headline}</SiteLink>
              </li>
            ))}
          </ul>
        ) : (
          <p>No stories cite this series yet.</p>
        )}
      </section>
    </div>
  )
}
