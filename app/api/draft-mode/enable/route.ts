export { enableDraftMode as GET } from '@/lib/content/draftMode'
