export { sitemapPage as GET } from '@/lib/routes/feeds'
