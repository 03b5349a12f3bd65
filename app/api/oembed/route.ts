export { oembed as GET } from '@/lib/feeds/routes'
