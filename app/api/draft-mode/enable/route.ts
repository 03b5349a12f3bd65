export { enableDraftMode as GET } from '@/lib/routes/draftMode'
