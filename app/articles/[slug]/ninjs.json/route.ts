export { storyNinjsJson as GET } from '@/lib/feeds/routes'
