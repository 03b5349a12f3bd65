export { siteAtom as GET } from '@/lib/routes/feeds'
