export { ninjsExtensionSchema as GET } from '@/lib/feeds/routes'
