export { authorAtom as GET } from '@/lib/routes/feeds'
