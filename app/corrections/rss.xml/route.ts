export { correctionsRss as GET } from '@/lib/feeds/routes'
