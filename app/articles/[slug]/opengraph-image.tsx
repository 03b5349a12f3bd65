import { SOCIAL_CARD_SIZE, socialCardAlt } from '@/components/SocialCard'
import { loadSocialCard } from '@/lib/content/fetch'
import { SHARED_CACHE_CONTROL } from '@/lib/http/pageCacheControl'
import { SITE_NAME } from '@/lib/site/identity'
import { fallbackSocialCard, renderSocialCard } from '@/lib/social/renderSocialCard'

/** The newsroom's card stands in for a story's for a minute, then the story's is tried again. */
const FALLBACK_CACHE_CONTROL = 'public, max-age=60, s-maxage=60'

// One card per story, listed through generateImageMetadata so its alt text can name the story.
// At build time Next lists the ids without a story (no slug); only the id matters then.
export async function generateImageMetadata({ params }: { params: { slug?: string } }) {
  const card = params.slug ? await loadSocialCard(params.slug) : null
  return [{ id: 'card', size: SOCIAL_CARD_SIZE, contentType: 'image/png', alt: socialCardAlt(card?.headline ?? SITE_NAME, card?.section) }]
}

const png = (body: Buffer, cacheControl: string) =>
  new Response(new Uint8Array(body), { headers: { 'content-type': 'image/png', 'cache-control': cacheControl } })

/** A story whose card cannot be drawn (no such story, the lake unreachable) gets the newsroom's card, not an error. */
export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  try {
    const card = await loadSocialCard(slug)
    if (card) return png(await renderSocialCard(card), SHARED_CACHE_CONTROL)
  } catch (error) {
    console.error(`Social card for "${slug}" failed; serving the newsroom's card:`, error instanceof Error ? error.message : error)
  }
  return png(await fallbackSocialCard(), FALLBACK_CACHE_CONTROL)
}
