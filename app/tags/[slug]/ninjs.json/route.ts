export { tagNinjs as GET } from '@/lib/routes/feeds'
