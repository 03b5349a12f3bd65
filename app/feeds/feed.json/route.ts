export { siteJsonFeed as GET } from '@/lib/routes/feeds'
