export { oembed as GET } from '@/lib/routes/feeds'
