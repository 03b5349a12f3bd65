export { robots as default } from '@/lib/routes/feeds'
