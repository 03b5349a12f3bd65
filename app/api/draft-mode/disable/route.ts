export { disableDraftPreview as GET } from '@/lib/content/draftPreview'
