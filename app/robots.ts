export { robots as default } from '@/lib/feeds/routes'
