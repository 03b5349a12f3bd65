export { correctionsAtom as GET } from '@/lib/feeds/routes'
