export { tagJsonFeed as GET } from '@/lib/feeds/routes'
