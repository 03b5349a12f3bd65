import 'server-only'
import { loadSeries } from '@/lib/content/fetch'
import { seriesCsv, seriesJson } from '@/lib/figures/seriesExport'
import { attachment } from '@/lib/http/attachment'
import { SHARED_CACHE_CONTROL } from '@/lib/http/pageCacheControl'
import { orBackShortly } from '@/lib/http/unavailable'

type Context = { params: Promise<{ series: string }> }

const notFound = () => Response.json({ error: 'No such data series' }, { status: 404 })
const headers = (type: string, filename: string) => ({
  'content-type': type,
  'content-disposition': attachment(filename),
  'cache-control': SHARED_CACHE_CONTROL,
})

export const downloadSeriesCsv = orBackShortly(async (_request: Request, { params }: Context) => {
  const series = await loadSeries((await params).series)
  if (!series?.slug) return notFound()
  return new Response(seriesCsv(series), { headers: headers('text/csv; charset=utf-8', `${series.slug}.csv`) })
})

export const downloadSeriesJson = orBackShortly(async (_request: Request, { params }: Context) => {
  const series = await loadSeries((await params).series)
  if (!series?.slug) return notFound()
  return new Response(JSON.stringify(seriesJson(series), null, 2), {
    headers: headers('application/json; charset=utf-8', `${series.slug}.json`),
  })
})
