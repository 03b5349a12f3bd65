export { proxyLakeImage as GET } from '@/lib/routes/imageProxy'
