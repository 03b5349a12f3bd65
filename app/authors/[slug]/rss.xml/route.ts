export { authorRss as GET } from '@/lib/routes/feeds'
