import { headers } from 'next/headers'
import { contentSourceFromEnv } from '@/lib/content/config'
import type { ARTICLE_QUERY_RESULT } from '@/lib/content/sanity.types'
import { articleJsonLd, jsonForScript } from '@/lib/feeds/articleMetadata'
import { feedContext } from '@/lib/feeds/context'
import { siteUrlFromEnv } from '@/lib/feeds/site'
import { nonceOf } from '@/lib/security/contentSecurityPolicy'

const context = feedContext(contentSourceFromEnv(), siteUrlFromEnv())

/**
 * The story as schema.org NewsArticle, for search engines. Browsers never run a data block, but it
 * carries the page's nonce like every other script element, so none goes unaccounted for.
 */
export async function NewsArticleJsonLd({ article }: { article: NonNullable<ARTICLE_QUERY_RESULT> }) {
  const nonce = nonceOf((await headers()).get('content-security-policy'))
  return (
    <script
      type="application/ld+json"
      nonce={nonce}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON with every `<` escaped cannot close the element
      dangerouslySetInnerHTML={{ __html: jsonForScript(articleJsonLd(article, context)) }}
    />
  )
}
