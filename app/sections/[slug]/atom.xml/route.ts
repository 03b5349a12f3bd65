export { sectionAtom as GET } from '@/lib/routes/feeds'
