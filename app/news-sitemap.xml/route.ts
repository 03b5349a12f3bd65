export { newsSitemap as GET } from '@/lib/routes/feeds'
