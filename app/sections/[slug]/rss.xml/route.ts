export { sectionRss as GET } from '@/lib/feeds/routes'
