import { describe, expect, it } from 'vitest'
import { homeLayout, LATEST_COUNT, SECTION_COUNT } from '@/lib/site/homeLayout'

const sections = ['economy', 'north-korea', 'data-desk'].map((slug) => ({ _id: `section.${slug}`, title: slug, slug }))

/** Stories newest first, each in the section named. */
const stories = (...inSections: Array<string | null>) =>
  inSections.map((slug, i) => ({
    _id: `article.${i}`,
    headline: `Story ${i}`,
    slug: `story-${i}`,
    standfirst: null,
    publishedAt: new Date(Date.UTC(2021, 3, 19) - i * 3_600_000).toISOString(),
    updatedAt: null,
    section: slug ? { title: slug, slug } : null,
    authors: null,
  }))

const idsOf = (layout: ReturnType<typeof homeLayout>) => [...layout.latest, ...layout.sections.flatMap((s) => s.stories)].map((a) => a._id)

describe('the home page below the lead', () => {
  it.each([
    ['no stories', stories()],
    ['fewer stories than Latest holds', stories('economy', 'economy')],
    ['exactly Latest', stories(...Array(LATEST_COUNT).fill('economy'))],
    [
      'more than Latest, several sections',
      stories(
        ...Array(20)
          .fill(0)
          .map((_, i) => sections[i % 3]?.slug ?? null),
      ),
    ],
    ['stories without a section', stories(null, null, null, null, null, 'data-desk', null)],
  ])('shows no story twice with %s', (_, latest) => {
    const ids = idsOf(homeLayout(latest, sections))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('lists the newest under Latest and each section’s next newest under its heading', () => {
    const latest = stories(...Array(LATEST_COUNT).fill('economy'), 'north-korea', 'economy', 'north-korea')
    const layout = homeLayout(latest, sections)
    expect(layout.latest.map((a) => a._id)).toEqual(latest.slice(0, LATEST_COUNT).map((a) => a._id))
    expect(layout.sections.map(({ section, stories }) => [section.slug, stories.map((a) => a._id)])).toEqual([
      ['economy', [`article.${LATEST_COUNT + 1}`]],
      ['north-korea', [`article.${LATEST_COUNT}`, `article.${LATEST_COUNT + 2}`]],
    ])
  })

  it(`leaves out a section with nothing new and caps each at ${SECTION_COUNT}`, () => {
    const layout = homeLayout(stories(...Array(LATEST_COUNT + 10).fill('data-desk')), sections)
    expect(layout.sections.map((s) => s.section.slug)).toEqual(['data-desk'])
    expect(layout.sections[0]?.stories).toHaveLength(SECTION_COUNT)
  })
})
