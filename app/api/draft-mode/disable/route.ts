export { disableDraftMode as GET } from '@/lib/content/draftMode'
