export { authorRss as GET } from '@/lib/feeds/routes'
