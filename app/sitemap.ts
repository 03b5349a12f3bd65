export { sitemap as default } from '@/lib/feeds/routes'
