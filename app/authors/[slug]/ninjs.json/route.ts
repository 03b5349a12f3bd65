export { authorNinjs as GET } from '@/lib/feeds/routes'
