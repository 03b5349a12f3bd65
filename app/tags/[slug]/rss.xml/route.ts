export { tagRss as GET } from '@/lib/feeds/routes'
