import type { Metadata } from 'next'
import { SiteLink } from '@/components/SiteLink'
import { loadCorrections } from '@/lib/content/fetch'
import { CORRECTION_LABELS } from '@/lib/feeds/corrections'
import { listedCorrections } from '@/lib/feeds/correctionsFeed'
import { feedAlternates } from '@/lib/feeds/formats'
import { correctionsScope, siteScope } from '@/lib/feeds/scopes'
import { formatDateline, formatDay } from '@/lib/figures/dateline'
import { correctionPath, feedPath } from '@/lib/site/paths'

export const metadata: Metadata = {
  title: 'Corrections and clarifications',
  description: correctionsScope.description,
  alternates: { canonical: correctionsScope.pagePath, types: feedAlternates(siteScope, correctionsScope) },
}

/** Every correction and clarification of the site's stories, newest first, each linked to its story. */
export default async function CorrectionsPage() {
  const corrections = listedCorrections(await loadCorrections())
  return (
    <div className="corrections-page">
      <h1>Corrections and clarifications</h1>
      <p>
        When a story gets something wrong, we correct it and say so at the end of the story. A data revision after publication is noted
        beside the figure it changed. Follow these notes by <a href={feedPath(correctionsScope.feedBase, 'rss')}>RSS</a>,{' '}
        <a href={feedPath(correctionsScope.feedBase, 'atom')}>Atom</a> or{' '}
        <a href={feedPath(correctionsScope.feedBase, 'json')}>JSON Feed</a>.
      </p>
      {corrections.length === 0 ? (
        <p>No story has been corrected.</p>
      ) : (
        <ol className="corrections-page__list">
          {corrections.map((c) => (
            <li key={`${c.story.slug}-${c.key}`} id={`correction-${c.story.slug}-${c.key}`}>
              <p className="corrections-page__meta">
                <strong>{CORRECTION_LABELS[c.kind]}</strong>, <time dateTime={c.date}>{formatDateline(c.date)}</time>
              </p>
              <p>
                <SiteLink href={correctionPath(c.story.slug, c.key)}>{c.story.headline}</SiteLink> (published{' '}
                {formatDay(c.story.publishedAt)}): {c.text}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  )
}
