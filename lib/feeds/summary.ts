import { truncateText } from '@/lib/content/truncateText'
import { presentTradeFact } from '@/lib/figures/presentTradeFact'
import type { TradeFactInput } from '@/lib/figures/resolveTradeFact'

type Child = { _type: string; text?: string } & TradeFactInput
type Story = { standfirst: string | null; publishedAt: string | null; body: Array<{ _type: string; children?: Child[] | null }> | null }

/**
 * Characters a description may have. Search engines show about 160 and social cards about 200;
 * beyond this a description only repeats the story in every meta tag, card and feed item.
 */
export const SUMMARY_MAX_CHARACTERS = 300

/**
 * A story in a sentence or two, for feed items, search results and social cards: the standfirst,
 * or else the first paragraph as plain text, its figures read as the page shows them; cut at a
 * word to `SUMMARY_MAX_CHARACTERS`.
 */
export function storySummary(story: Story): string | undefined {
  const summary = story.standfirst?.trim() || firstParagraph(story)
  return summary ? truncateText(summary, SUMMARY_MAX_CHARACTERS) : undefined
}

function firstParagraph(story: Story): string {
  const first = story.body?.find((block) => block._type === 'block' && block.children?.length)
  return (first?.children ?? [])
    .map((child) => (child._type === 'tradeFact' ? presentTradeFact(child, story.publishedAt).text : (child.text ?? '')))
    .join('')
    .trim()
}
