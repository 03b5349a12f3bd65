import { tagPath } from '@/lib/site/paths'
import { SiteLink } from './SiteLink'

/** A story's topics, each a link to the topic's page. */
export function StoryTags({ tags }: { tags: { title: string | null; slug: string | null }[] | null }) {
  const linked = (tags ?? []).filter((tag) => tag.slug && tag.title)
  if (linked.length === 0) return null
  return (
    <nav aria-label="Topics">
      <ul className="tags">
        {linked.map((tag) => (
          <li key={tag.slug}>
            <SiteLink href={tagPath(tag.slug)}>{tag.title}</SiteLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
