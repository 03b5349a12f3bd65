export { downloadSeriesCsv as GET } from '@/lib/routes/seriesDownloads'
