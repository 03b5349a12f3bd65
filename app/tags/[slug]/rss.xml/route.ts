export { tagRss as GET } from '@/lib/routes/feeds'
