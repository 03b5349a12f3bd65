export { ninjsExtensionSchema as GET } from '@/lib/routes/feeds'
