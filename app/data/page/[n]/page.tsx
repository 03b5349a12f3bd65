import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { SeriesIndex } from '@/components/SeriesIndex'
import { listingTitle, pageNumberOf } from '@/lib/site/listingPages'

export { generateStaticParams } from '@/lib/http/onDemandPages'

/**
 * `/data/page/<n>`: later pages of the data series. A series whose slug is "page" keeps its page
 * (`/data/page`), but this route takes its downloads' addresses.
 */
type Props = { params: Promise<{ n: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = pageNumberOf(['page', (await params).n])
  return { title: page ? listingTitle('Data', page) : 'Page not found' }
}

export default async function DataIndexLaterPage({ params }: Props) {
  const page = pageNumberOf(['page', (await params).n])
  if (!page) notFound()
  return <SeriesIndex page={page} />
}
