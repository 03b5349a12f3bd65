export { sectionNinjs as GET } from '@/lib/feeds/routes'
