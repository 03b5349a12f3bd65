export { handleRevalidateWebhook as POST } from '@/lib/content/revalidateWebhook'
