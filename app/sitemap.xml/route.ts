export { sitemapIndex as GET } from '@/lib/routes/feeds'
