import type { HOME_QUERY_RESULT, SECTIONS_QUERY_RESULT } from '@/lib/content/sanity.types'

type Story = HOME_QUERY_RESULT['latest'][number]
type Section = SECTIONS_QUERY_RESULT[number]

/** Stories under "Latest", after the lead. */
export const LATEST_COUNT = 4
/** Stories under each section's heading. */
export const SECTION_COUNT = 4

export type HomeLayout = {
  latest: Story[]
  sections: Array<{ section: Section; stories: Story[] }>
}

/**
 * The home page's blocks below the lead: the newest stories, then each section's newest stories
 * not already shown above, so no story appears twice; a section with nothing left is left out.
 */
export function homeLayout(latest: Story[], sections: Section[]): HomeLayout {
  const shown = latest.slice(0, LATEST_COUNT)
  const rest = latest.slice(LATEST_COUNT)
  return {
    latest: shown,
    sections: sections
      .map((section) => ({ section, stories: rest.filter((a) => a.section?.slug === section.slug).slice(0, SECTION_COUNT) }))
      .filter(({ stories }) => stories.length > 0),
  }
}
