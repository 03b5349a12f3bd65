import { presentTradeFact } from '@/lib/figures/presentTradeFact'
import type { TradeFactInput } from '@/lib/figures/resolveTradeFact'

type Child = { _type: string; text?: string } & TradeFactInput
type Story = { standfirst: string | null; publishedAt: string | null; body: Array<{ _type: string; children?: Child[] | null }> | null }

/**
 * A story in a sentence or two, for feed items, search results and social cards: the standfirst,
 * or else the first paragraph as plain text, its figures read as the page shows them.
 */
export function storySummary(story: Story): string | undefined {
  if (story.standfirst?.trim()) return story.standfirst.trim()
  const first = story.body?.find((block) => block._type === 'block' && block.children?.length)
  const text = (first?.children ?? [])
    .map((child) => (child._type === 'tradeFact' ? presentTradeFact(child, story.publishedAt).text : (child.text ?? '')))
    .join('')
    .trim()
  return text || undefined
}
