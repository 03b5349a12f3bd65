export { siteNinjs as GET } from '@/lib/routes/feeds'
