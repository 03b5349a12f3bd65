import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ObservationTable } from '@/components/ObservationTable'
import { loadSeries } from '@/lib/content/fetch'
import { formatDay } from '@/lib/figures/dateline'

type Props = { params: Promise<{ series: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const series = await loadSeries((await params).series)
  return { title: series ? `Data: ${series.title}` : 'Data series not found' }
}

export default async function SeriesPage({ params }: Props) {
  const series = await loadSeries((await params).series)
  if (!series) notFound()
  const flow = series.flowCode === 'X' ? 'exports to' : 'imports from'
  return (
    <div className="data-page">
      <p className="kicker">Data</p>
      <h1>{series.title}</h1>
      <p className="standfirst">
        As reported by {series.reporter?.name}: its {flow} {series.partner?.name} (
        {series.cmdCode === 'TOTAL' ? 'all goods' : series.cmdCode}, {series.freqCode === 'M' ? 'monthly' : 'annual'}, {series.currency}).
      </p>
      {series.note && <p>{series.note}</p>}
      <ObservationTable observations={series.observations ?? []} caption={`${series.title}, by period`} withHistory />
      <section aria-labelledby="source-heading">
        <h2 id="source-heading">Source</h2>
        <p>
          {series.source?.agency}
          {series.source?.dataset && `, ${series.source.dataset}`}
          {series.source?.url && (
            <>
              {' '}
              (<a href={series.source.url}>{series.source.url}</a>)
            </>
          )}
          {series.source?.retrievedAt && `. Retrieved ${formatDay(series.source.retrievedAt)}`}.
        </p>
      </section>
      <section aria-labelledby="cited-heading">
        <h2 id="cited-heading">Stories citing this series</h2>
        {series.citedBy.length > 0 ? (
          <ul>
            {series.citedBy.map((a) => (
              <li key={a._id}>
                <Link href={`/articles/${a.slug}`}>{a.headline}</Link>
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
