export { disableDraftMode as GET } from '@/lib/routes/draftMode'
