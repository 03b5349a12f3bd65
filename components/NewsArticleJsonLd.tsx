import { contentSourceFromEnv } from '@/lib/content/config'
import type { ARTICLE_QUERY_RESULT } from '@/lib/content/sanity.types'
import { articleJsonLd, jsonForScript } from '@/lib/feeds/articleMetadata'
import { feedContext } from '@/lib/feeds/context'
import { siteUrlFromEnv } from '@/lib/feeds/site'

const context = feedContext(contentSourceFromEnv(), siteUrlFromEnv())

/** The story as schema.org NewsArticle, for search engines. A data block: browsers never run it. */
export function NewsArticleJsonLd({ article }: { article: NonNullable<ARTICLE_QUERY_RESULT> }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON with every `<` escaped cannot close the element
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(articleJsonLd(article, context)) }} />
}
