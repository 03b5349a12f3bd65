export { authorNinjs as GET } from '@/lib/routes/feeds'
