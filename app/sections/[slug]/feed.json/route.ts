export { sectionJsonFeed as GET } from '@/lib/routes/feeds'
