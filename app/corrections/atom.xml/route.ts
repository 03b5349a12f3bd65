export { correctionsAtom as GET } from '@/lib/routes/feeds'
