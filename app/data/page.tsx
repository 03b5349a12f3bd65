import type { Metadata } from 'next'
import { SeriesIndex } from '@/components/SeriesIndex'

export const metadata: Metadata = { title: 'Data', description: 'Every trade data series our stories cite, with its latest value.' }

/** `/data`: the first page of the data series. */
export default function DataIndexPage() {
  return <SeriesIndex page={1} />
}
