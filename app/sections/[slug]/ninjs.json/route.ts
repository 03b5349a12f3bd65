export { sectionNinjs as GET } from '@/lib/routes/feeds'
