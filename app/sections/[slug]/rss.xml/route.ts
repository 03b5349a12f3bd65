export { sectionRss as GET } from '@/lib/routes/feeds'
