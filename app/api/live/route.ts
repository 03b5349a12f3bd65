export const dynamic = 'force-dynamic'
export { streamContentChanges as GET } from '@/lib/content/liveStream'
