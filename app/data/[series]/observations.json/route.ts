export { downloadSeriesJson as GET } from '@/lib/routes/seriesDownloads'
