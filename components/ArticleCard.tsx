import type { HOME_QUERY_RESULT, SECTION_QUERY_RESULT } from '@/lib/content/sanity.types'
import { storySummary } from '@/lib/feeds/summary'
import { formatDay } from '@/lib/figures/dateline'
import { storyPath } from '@/lib/site/paths'
import { SanityImage } from './SanityImage'
import { SiteLink } from './SiteLink'

/** A story as section, author and home pages list it; the home page's lead story adds its picture. */
type ListedStory = NonNullable<SECTION_QUERY_RESULT>['articles'][number]
type LeadStory = NonNullable<HOME_QUERY_RESULT['lead']>

/** A story in a list: kicker, headline link, standfirst, date, and for a lead story its picture. */
export function ArticleCard({ article, lead = false, level = 3 }: { article: ListedStory | LeadStory; lead?: boolean; level?: 2 | 3 }) {
  const Heading = lead ? 'h2' : (`h${level}` as const)
  const picture = lead && 'mainImage' in article ? article.mainImage : null
  // A lead without a standfirst opens with its first paragraph, so it still reads as a lead.
  const standfirst = 'body' in article ? storySummary(article) : article.standfirst
  return (
    <article className={lead ? `card card--lead${picture ? ' card--pictured' : ''}` : 'card'}>
      {picture && <SanityImage image={picture} sizes="(min-width: 60rem) 40rem, 100vw" priority />}
      <div className="card__text">
        {article.section && <p className="kicker">{article.section.title}</p>}
        <Heading className="card__headline">
          <SiteLink href={storyPath(article.slug)}>{article.headline}</SiteLink>
        </Heading>
        {standfirst && <p className="card__standfirst">{standfirst}</p>}
        {article.publishedAt && (
          <p className="card__meta">
            <time dateTime={article.publishedAt}>{formatDay(article.publishedAt)}</time>
            {article.authors?.[0]?.author?.name &&
              ` · ${article.authors
                .map((a) => a.author?.name)
                .filter(Boolean)
                .join(', ')}`}
          </p>
        )}
      </div>
    </article>
  )
}

/** `level`: the cards' heading level, 2 on a page whose list follows its h1, 3 under a list's own h2. */
export function ArticleList({ articles, label, level = 3 }: { articles: ListedStory[]; label?: string; level?: 2 | 3 }) {
  return (
    <ul className="article-list" aria-label={label}>
      {articles.map((a) => (
        <li key={a._id}>
          <ArticleCard article={a} level={level} />
        </li>
      ))}
    </ul>
  )
}
