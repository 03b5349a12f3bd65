export { newsSitemap as GET } from '@/lib/feeds/routes'
