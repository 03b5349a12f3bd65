export { correctionsRss as GET } from '@/lib/routes/feeds'
