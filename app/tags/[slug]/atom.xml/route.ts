export { tagAtom as GET } from '@/lib/routes/feeds'
