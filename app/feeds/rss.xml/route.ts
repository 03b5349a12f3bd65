export { siteRss as GET } from '@/lib/feeds/routes'
