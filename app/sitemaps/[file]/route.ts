export { sitemapPage as GET } from '@/lib/feeds/routes'
