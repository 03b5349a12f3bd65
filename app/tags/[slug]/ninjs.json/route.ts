export { tagNinjs as GET } from '@/lib/feeds/routes'
