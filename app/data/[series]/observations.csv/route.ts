export { downloadSeriesCsv as GET } from '@/lib/content/seriesDownloads'
