export { siteJsonFeed as GET } from '@/lib/feeds/routes'
