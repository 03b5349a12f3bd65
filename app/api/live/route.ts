export const dynamic = 'force-dynamic'
export { streamContentChanges as GET } from '@/lib/live/liveStream'
