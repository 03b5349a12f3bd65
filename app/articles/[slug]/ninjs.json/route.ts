export { storyNinjsJson as GET } from '@/lib/routes/feeds'
