export { authorAtom as GET } from '@/lib/feeds/routes'
