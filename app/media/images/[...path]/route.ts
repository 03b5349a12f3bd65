export { proxyLakeImage as GET } from '@/lib/content/imageProxy'
