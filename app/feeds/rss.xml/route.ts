export { siteRss as GET } from '@/lib/routes/feeds'
