import type { ReactNode } from 'react'
import { SITE_NAME } from '@/lib/site/identity'
import styles from './EmbedCard.module.css'

/** The card's styles, for the figure, status and latest value an embed puts inside it. */
export const embedStyles = styles

/**
 * What every embed shows around its figure or chart: the source, and a link back to the data on
 * the site, opened outside the partner's frame.
 */
export function EmbedCard({
  kind,
  title,
  source,
  href,
  linkText,
  children,
}: {
  kind: 'chart' | 'figure'
  title: string
  source: string
  href: string
  linkText: string
  children: ReactNode
}) {
  return (
    <article className={styles.card} data-embed={kind} aria-labelledby="embed-title">
      <h1 id="embed-title" className={styles.title}>
        {title}
      </h1>
      {children}
      <p className={styles.source}>
        Source: {source}.{' '}
        <a href={href} target="_blank" rel="noopener">
          {linkText}
        </a>{' '}
        <span className={styles.brand}>{SITE_NAME}</span>
      </p>
    </article>
  )
}
