export { disableDraftPreview as GET } from '@/lib/routes/draftPreview'
