export { sectionAtom as GET } from '@/lib/feeds/routes'
