export { downloadSeriesJson as GET } from '@/lib/content/seriesDownloads'
