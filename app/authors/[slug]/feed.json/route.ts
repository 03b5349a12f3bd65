export { authorJsonFeed as GET } from '@/lib/routes/feeds'
