export { siteNinjs as GET } from '@/lib/feeds/routes'
