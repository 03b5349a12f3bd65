export { correctionsJsonFeed as GET } from '@/lib/feeds/routes'
