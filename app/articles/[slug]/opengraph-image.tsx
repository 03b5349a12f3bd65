import { ImageResponse } from 'next/og'
import { SOCIAL_CARD_SIZE, SocialCard, socialCardAlt } from '@/components/SocialCard'
import { loadSocialCard } from '@/lib/content/fetch'
import { SITE_NAME } from '@/lib/feeds/site'

// One card per story, listed through generateImageMetadata so its alt text can name the story.
// At build time Next lists the ids without a story (no slug); only the id matters then.
export async function generateImageMetadata({ params }: { params: { slug?: string } }) {
  const card = params.slug ? await loadSocialCard(params.slug) : null
  return [{ id: 'card', size: SOCIAL_CARD_SIZE, contentType: 'image/png', alt: socialCardAlt(card?.headline ?? SITE_NAME, card?.section) }]
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const card = await loadSocialCard((await params).slug)
  return new ImageResponse(<SocialCard headline={card?.headline ?? SITE_NAME} section={card?.section} />, SOCIAL_CARD_SIZE)
}
