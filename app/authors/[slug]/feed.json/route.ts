export { authorJsonFeed as GET } from '@/lib/feeds/routes'
