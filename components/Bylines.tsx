import { Fragment } from 'react'
import { authorPath } from '@/lib/site/paths'
import { SiteLink } from './SiteLink'

type Byline = {
  _key: string
  role?: string | null
  author?: { name?: string | null; slug?: string | null; email?: string | null } | null
}

function AuthorName({ author }: { author: NonNullable<Byline['author']> }) {
  return author.slug ? <SiteLink href={authorPath(author.slug)}>{author.name}</SiteLink> : author.name
}

/** "By Ahn Sung-mi", each name linking to the author's page; roles follow in parentheses. */
export function Bylines({ bylines, withEmail = false }: { bylines?: Byline[] | null; withEmail?: boolean }) {
  const named = (bylines ?? []).filter((b): b is Byline & { author: NonNullable<Byline['author']> } => Boolean(b.author?.name))
  if (named.length === 0) return null
  return (
    <p className="byline">
      By{' '}
      {named.map((b, i) => (
        <Fragment key={b._key}>
          {i > 0 && (i === named.length - 1 ? ' and ' : ', ')}
          <AuthorName author={b.author} />
          {b.role && ` (${b.role})`}
          {withEmail && b.author.email && (
            <>
              {' '}
              (<a href={`mailto:${b.author.email}`}>{b.author.email}</a>)
            </>
          )}
        </Fragment>
      ))}
    </p>
  )
}
