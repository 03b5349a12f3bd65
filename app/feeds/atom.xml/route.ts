export { siteAtom as GET } from '@/lib/feeds/routes'
