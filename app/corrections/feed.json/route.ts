export { correctionsJsonFeed as GET } from '@/lib/routes/feeds'
