export { sitemapIndex as GET } from '@/lib/feeds/routes'
