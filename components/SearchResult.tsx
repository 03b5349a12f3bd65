import type { SEARCH_QUERY_RESULT } from '@/lib/content/sanity.types'
import { formatDay } from '@/lib/figures/dateline'
import { storyPath } from '@/lib/site/paths'
import { excerpt } from '@/lib/site/search'
import { Highlight } from './Highlight'
import { SiteLink } from './SiteLink'

/** A story found by a search: its headline, standfirst and matching paragraph, with the searched words marked. */
export function SearchResult({ story, words }: { story: SEARCH_QUERY_RESULT[number]; words: string[] }) {
  return (
    <article className="card search-result">
      <div className="card__text">
        {story.section && <p className="kicker">{story.section.title}</p>}
        <h2 className="card__headline">
          <SiteLink href={storyPath(story.slug)}>
            <Highlight text={story.headline ?? ''} words={words} />
          </SiteLink>
        </h2>
        {story.standfirst && (
          <p className="card__standfirst">
            <Highlight text={story.standfirst} words={words} />
          </p>
        )}
        {story.snippet && (
          <p className="search-result__snippet">
            <Highlight text={excerpt(story.snippet, words)} words={words} />
          </p>
        )}
        {story.publishedAt && (
          <p className="card__meta">
            <time dateTime={story.publishedAt}>{formatDay(story.publishedAt)}</time>
          </p>
        )}
      </div>
    </article>
  )
}
