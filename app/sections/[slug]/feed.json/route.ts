export { sectionJsonFeed as GET } from '@/lib/feeds/routes'
