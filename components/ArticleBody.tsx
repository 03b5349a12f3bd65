import { PortableText, type PortableTextComponents } from '@portabletext/react'
import type { BodyObjectType } from '@/lib/content/bodyTypes'
import { reportContentProblem } from '@/lib/content/problems'
import type { ARTICLE_QUERY_RESULT } from '@/lib/content/sanity.types'
import { safeHref } from '@/lib/site/safeHref'
import { DataChartBlock } from './DataChartBlock'
import { PhotoFigure } from './PhotoFigure'
import { TradeFact } from './TradeFact'

type Article = NonNullable<ARTICLE_QUERY_RESULT>

/** Renders an article's Portable Text. Unknown blocks and marks are skipped and logged, never fatal. */
export function ArticleBody({ article }: { article: Article }) {
  const types = {
    tradeFact: ({ value }) => <TradeFact fact={value} articleId={article._id} publishedAt={article.publishedAt} />,
    photo: ({ value }) => <PhotoFigure photo={value} sizes="(min-width: 45rem) 40rem, 100vw" />,
    dataChart: ({ value }) => <DataChartBlock chart={value} />,
  } satisfies Record<BodyObjectType, NonNullable<PortableTextComponents['types']>[string]>

  const components: PortableTextComponents = {
    types,
    marks: {
      link: ({ value, children }) => {
        const href = safeHref(value?.href)
        return href ? <a href={href}>{children}</a> : children
      },
    },
    block: {
      normal: ({ children }) => <p>{children}</p>,
      h2: ({ children }) => <h2>{children}</h2>,
      h3: ({ children }) => <h3>{children}</h3>,
      blockquote: ({ children }) => <blockquote>{children}</blockquote>,
    },
    unknownType: ({ value }) => {
      reportContentProblem({
        documentId: article._id,
        blockKey: String(value?._key ?? ''),
        message: `unknown block type "${value?._type}"`,
      })
      return null
    },
    unknownMark: ({ markType, children }) => {
      reportContentProblem({ documentId: article._id, message: `unknown mark "${markType}"` })
      return <>{children}</>
    },
    unknownBlockStyle: ({ children }) => <p>{children}</p>,
  }

  return (
    <div className="article-body">
      <PortableText value={article.body ?? []} components={components} onMissingComponent={false} />
    </div>
  )
}
