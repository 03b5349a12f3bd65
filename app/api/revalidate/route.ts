export { handleRevalidateWebhook as POST } from '@/lib/routes/revalidateWebhook'
