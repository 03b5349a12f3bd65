import { contentSourceFromEnv } from '@/lib/content/config'
import type { ARTICLE_QUERY_RESULT } from '@/lib/content/sanity.types'
import { articleJsonLd, jsonForScript } from '@/lib/feeds/articleMetadata'
import { feedContext } from '@/lib/feeds/context'
import { siteUrlFromEnv } from '@/lib/site/identity'

/** The story as schema.org NewsArticle, for search engines: a data block, which browsers never run. */
export function NewsArticleJsonLd({ article }: { article: NonNullable<ARTICLE_QUERY_RESULT> }) {
  const context = feedContext(contentSourceFromEnv(), siteUrlFromEnv())
  return (
    <script
      type="application/ld+json"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON with every `<` escaped cannot close the element
      dangerouslySetInnerHTML={{ __html: jsonForScript(articleJsonLd(article, context)) }}
    />
  )
}
