export { tagAtom as GET } from '@/lib/feeds/routes'
