import { storyPath } from '../../lib/site/paths'

/** The reference story as the seed stores it: its document id, slug, page and headline. */
export const REFERENCE_STORY_ID = 'article.nk-imports-from-china-spike-in-march'
export const REFERENCE_STORY_SLUG = 'nk-imports-from-china-spike-in-march'
export const REFERENCE_STORY = storyPath(REFERENCE_STORY_SLUG)
export const REFERENCE_HEADLINE = 'NK imports from China spike in March'

/** The reference story's figures as its text gives them, in reading order (the seed text, word for word). */
export const REFERENCE_FIGURE_TEXTS = [
  '$12.98 million',
  '$3,000',
  'the highest level since September 2020',
  '$18.9 million',
  '$1.3 million',
  '$1.75 million',
]
