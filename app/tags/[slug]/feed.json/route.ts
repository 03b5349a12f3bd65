export { tagJsonFeed as GET } from '@/lib/routes/feeds'
