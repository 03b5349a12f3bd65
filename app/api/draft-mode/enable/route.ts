export { enableDraftPreview as GET } from '@/lib/content/draftPreview'
