export { enableDraftPreview as GET } from '@/lib/routes/draftPreview'
